#!/usr/bin/python3
"""pydicom as an oracle for bin/dcm2json: the DICOM JSON model of each file, as pydicom writes it.

usage: pydicom_to_json.py FILE...

For each FILE, in order, one line on standard output: a JSON object

    {"file": FILE, "forced": false, "dataset": {...}, "dropped": [], "warnings": []}

where "dataset" is pydicom's Dataset.to_json_dict() of the file's data set (not its File Meta Information),
with every binary value inline (no bulk data handler). "forced" says the file was read with force=True, which
is done only when it has no File Meta Information ("DICM" at byte 128), as pydicom requires for such files.
"dropped" lists the top-level elements that pydicom read but could not convert to JSON (for example an IS
value that is not an integer), each as {"tag": "GGGGEEEE", "error": "..."}; the rest of the data set is still
converted, element by element, exactly as Dataset.to_json_dict() converts it. "warnings" are the warnings
pydicom gave while reading and converting.

When pydicom cannot read a FILE at all, its line is {"file": FILE, "error": "..."} and one line naming the
file and the problem goes to standard error; the exit status is then 1 (after every file has been tried).

This is Debian's python3-pydicom (2.3.1) run with its default configuration; run it with /usr/bin/python3.
"""

import json
import sys
import warnings

import pydicom


def has_file_meta(path):
    """A Part 10 file: a 128-byte preamble then "DICM"."""
    with open(path, "rb") as f:
        head = f.read(132)
    return len(head) == 132 and head[128:132] == b"DICM"


def convert(path):
    forced = not has_file_meta(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dataset = pydicom.dcmread(path, force=forced)
        dropped = []
        try:
            result = dataset.to_json_dict()
        except Exception:  # pylint: disable=broad-except
            # Some element cannot be converted: convert the others one by one, as to_json_dict does, and say
            # which ones pydicom could not convert and why.
            result = {}
            for key in dataset.keys():
                json_key = "{:08X}".format(key)
                try:
                    result[json_key] = dataset[key].to_json_dict(
                        bulk_data_element_handler=None, bulk_data_threshold=1024
                    )
                except Exception as exc:  # pylint: disable=broad-except
                    dropped.append({"tag": json_key, "error": f"{type(exc).__name__}: {exc}"})
    return {
        "file": path,
        "forced": forced,
        "dataset": result,
        "dropped": dropped,
        "warnings": [str(w.message) for w in caught],
    }


def main(paths):
    status = 0
    for path in paths:
        try:
            record = convert(path)
            # JSON has no NaN or infinities: a float that is not finite fails the file rather than
            # writing text that is not JSON.
            line = json.dumps(record, allow_nan=False)
        except Exception as exc:  # pylint: disable=broad-except
            message = f"{type(exc).__name__}: {exc}".replace("\n", " ")
            print(f"pydicom_to_json.py: {path}: {message}", file=sys.stderr)
            line = json.dumps({"file": path, "error": message})
            status = 1
        sys.stdout.write(line + "\n")
    sys.stdout.flush()
    return status


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: pydicom_to_json.py FILE...", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
