#!/usr/bin/env node
// An independent DICOM peer for Cairn's tests, built on dcmjs-dimse (not on Cairn's toolkit): a storage SCP and an
// Instance Availability Notification (N-CREATE) SCP in one.
//
//   node dimse-peer.js --port PORT --aet AET --directory DIR [--ian-status HEX] [--transfer-syntaxes UID,UID]
//
// For every C-STORE and N-CREATE it writes DIR/messages/<n>.json (n counts from 1): the command fields it saw, the
// transfer syntax of the presentation context, the AE titles of the association and the status it answered. An
// N-CREATE's data set is in that JSON as dcmjs parsed it (naturalized: keywords as names). A C-STORE's data set is
// kept as the bytes that came in, DIR/objects/<n>.bin (dcmjs would write it back without its private elements and
// with reformatted numbers), and the JSON holds the UIDs that dcmjs parsed from it. Files appear complete (written
// under a hidden name, then renamed) before the response goes out.
//
// --ian-status makes N-CREATE answer that status (hex, e.g. 0110) instead of Success; --transfer-syntaxes lists the
// syntaxes it accepts, best first (default Explicit, then Implicit VR Little Endian). It accepts only associations
// called AET, and only Verification, IAN and the storage SOP classes.
'use strict';

const fs = require('fs');
const path = require('path');
const { Server, Scp } = require('dcmjs-dimse');
const { CEchoResponse, CStoreResponse, NCreateResponse } = require('dcmjs-dimse').responses;
const { Status, SopClass, TransferSyntax, PresentationContextResult, RejectResult, RejectSource, RejectReason } =
  require('dcmjs-dimse').constants;

const StoragePrefix = '1.2.840.10008.5.1.4.1.1.';

function parseArguments(argv) {
  const options = {
    ianStatus: Status.Success,
    transferSyntaxes: [TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian],
  };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (value === undefined) {
      throw new Error(`${argv[i]} needs a value`);
    }
    switch (argv[i]) {
      case '--port': options.port = Number.parseInt(value, 10); break;
      case '--aet': options.aet = value; break;
      case '--directory': options.directory = value; break;
      case '--ian-status': options.ianStatus = Number.parseInt(value, 16); break;
      case '--transfer-syntaxes': options.transferSyntaxes = value.split(','); break;
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  if (!options.port || !options.aet || !options.directory || Number.isNaN(options.ianStatus)) {
    throw new Error('usage: dimse-peer.js --port PORT --aet AET --directory DIR [--ian-status HEX] [--transfer-syntaxes UID,UID]');
  }
  return options;
}

const options = parseArguments(process.argv.slice(2));
const messages = path.join(options.directory, 'messages');
const objects = path.join(options.directory, 'objects');
fs.mkdirSync(messages, { recursive: true });
fs.mkdirSync(objects, { recursive: true });
let received = 0;

// Writes under a hidden name and renames, so a reader never sees half a file.
function writeComplete(file, write) {
  const hidden = path.join(path.dirname(file), `.${path.basename(file)}.part`);
  write(hidden);
  fs.renameSync(hidden, file);
}

function record(n, message) {
  writeComplete(path.join(messages, `${n}.json`), (file) => fs.writeFileSync(file, JSON.stringify(message, null, 2)));
  console.log(`received ${message.command} ${message.affectedSopInstanceUid}: answered ${message.status.toString(16).padStart(4, '0')}`);
}

class Peer extends Scp {
  associationRequested(association) {
    this.association = association;
    if (association.getCalledAeTitle() !== options.aet) {
      this.sendAssociationReject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized);
      return;
    }
    for (const { id } of association.getPresentationContexts()) {
      const context = association.getPresentationContext(id);
      const sopClass = context.getAbstractSyntaxUid();
      const syntax = options.transferSyntaxes.find((ts) => context.getTransferSyntaxUids().includes(ts));
      if (sopClass !== SopClass.Verification && sopClass !== SopClass.InstanceAvailabilityNotification && !sopClass.startsWith(StoragePrefix)) {
        context.setResult(PresentationContextResult.RejectAbstractSyntaxNotSupported);
      } else if (syntax === undefined) {
        context.setResult(PresentationContextResult.RejectTransferSyntaxesNotSupported);
      } else {
        context.setResult(PresentationContextResult.Accept, syntax);
      }
    }
    this.sendAssociationAccept();
  }

  associationReleaseRequested() {
    this.sendAssociationReleaseResponse();
  }

  cEchoRequest(request, callback) {
    const response = CEchoResponse.fromRequest(request);
    response.setStatus(Status.Success);
    callback(response);
  }

  // Keeps the data set's bytes as received beside the Dataset that dcmjs parses from them.
  createDatasetFromStoreWritableStream(writable, context, callback) {
    const bytes = writable.toBuffer();
    super.createDatasetFromStoreWritableStream(writable, context, (dataset) => {
      dataset.receivedBytes = bytes;
      callback(dataset);
    });
  }

  cStoreRequest(request, callback) {
    const n = ++received;
    const dataset = request.getDataset();
    const response = CStoreResponse.fromRequest(request);
    response.setStatus(Status.Success);
    writeComplete(path.join(objects, `${n}.bin`), (file) => fs.writeFileSync(file, dataset.receivedBytes));
    const parsed = {
      SOPClassUID: dataset.getElement('SOPClassUID'),
      SOPInstanceUID: dataset.getElement('SOPInstanceUID'),
      StudyInstanceUID: dataset.getElement('StudyInstanceUID'),
      SeriesInstanceUID: dataset.getElement('SeriesInstanceUID'),
    };
    record(n, { ...this.fields('C-STORE', request, dataset), status: response.getStatus(), file: `objects/${n}.bin`, parsed });
    callback(response);
  }

  nCreateRequest(request, callback) {
    const n = ++received;
    const dataset = request.getDataset();
    const response = NCreateResponse.fromRequest(request);
    response.setStatus(request.getAffectedSopClassUid() === SopClass.InstanceAvailabilityNotification ? options.ianStatus : Status.NoSuchSopClass);
    if (response.getStatus() !== Status.Success) {
      response.setErrorComment('the test told the peer to fail');
    }
    record(n, { ...this.fields('N-CREATE', request, dataset), status: response.getStatus(), dataset: dataset ? dataset.getElements() : null });
    callback(response);
  }

  fields(command, request, dataset) {
    return {
      command,
      affectedSopClassUid: request.getAffectedSopClassUid(),
      affectedSopInstanceUid: request.getAffectedSopInstanceUid(),
      transferSyntaxUid: dataset ? dataset.getTransferSyntaxUid() : null,
      callingAeTitle: this.association.getCallingAeTitle(),
      calledAeTitle: this.association.getCalledAeTitle(),
    };
  }
}

const server = new Server(Peer);
server.on('networkError', (e) => console.error(`network error: ${e.message}`));
server.listen(options.port);
console.log(`dimse-peer ${options.aet} listening on port ${options.port}`);
