// Cairn's UI script: small conveniences over plain forms; every page works without it.
"use strict";

document.addEventListener("click", (event) => {
  // A button with data-confirm asks first; its form is not sent when the answer is no.
  const confirming = event.target.closest("[data-confirm]");
  if (confirming && !window.confirm(confirming.getAttribute("data-confirm"))) {
    event.preventDefault();
    return;
  }

  // A button with data-dialog opens the <dialog> it names; one with data-close closes its own.
  const opener = event.target.closest("[data-dialog]");
  if (opener) {
    const dialog = document.getElementById(opener.getAttribute("data-dialog"));
    if (dialog) {
      event.preventDefault();
      for (const [key, value] of Object.entries(opener.dataset)) {
        if (key.startsWith("set")) {
          const input = dialog.querySelector(`[name="${key.slice(3).charAt(0).toLowerCase()}${key.slice(4)}"]`);
          if (input) input.value = value;
        }
      }
      dialog.showModal();
    }
  }
  const closer = event.target.closest("[data-close]");
  if (closer) {
    event.preventDefault();
    closer.closest("dialog")?.close();
  }
});

// A checkbox with data-select-all="NAME" checks or clears every checkbox named NAME.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-select-all]");
  if (all) {
    for (const box of document.querySelectorAll(`input[type="checkbox"][name="${all.getAttribute("data-select-all")}"]`)) {
      box.checked = all.checked;
    }
  }
});

// Auto-refresh: a page with <input type="checkbox" data-auto-refresh="SECONDS"> reloads itself while it is checked,
// and remembers the choice for that page.
window.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector("[data-auto-refresh]");
  if (!toggle) return;
  const key = `cairn.autoRefresh:${location.pathname}`;
  const saved = window.localStorage.getItem(key);
  if (saved !== null) toggle.checked = saved === "on";
  let timer = null;
  const arm = () => {
    window.clearTimeout(timer);
    if (toggle.checked) {
      timer = window.setTimeout(() => {
        // Not while the operator is typing in a form or a dialog is open (a focused checkbox, such as this toggle
        // just switched on, is no typing).
        if (document.querySelector("dialog[open]") || document.activeElement?.matches("input:not([type=checkbox]), select, textarea")) {
          arm();
        } else {
          location.reload();
        }
      }, Number(toggle.getAttribute("data-auto-refresh")) * 1000);
    }
  };
  toggle.addEventListener("change", () => {
    window.localStorage.setItem(key, toggle.checked ? "on" : "off");
    arm();
  });
  arm();
});

// Studies (Pages/Studies): the export dialog says how many studies are selected when it opens for them.
document.addEventListener("click", (event) => {
  const opener = event.target.closest('[data-dialog][data-set-scope="selected"]');
  if (!opener) return;
  const what = document.getElementById(opener.getAttribute("data-dialog"))?.querySelector('[name="what"]');
  const count = document.querySelectorAll('input[type="checkbox"][name="study"]:checked').length;
  if (what) what.value = count === 1 ? "1 selected study" : `${count} selected studies`;
});

// Export monitor (Move to exporter) and any form with a required choice: a form that is not complete yet shows the
// browser's hint first, rather than a confirmation of something it will not send.
document.addEventListener("click", (event) => {
  const form = event.target.closest("button[data-confirm]")?.form;
  if (form && !form.checkValidity()) {
    event.preventDefault();
    event.stopImmediatePropagation();
    form.reportValidity();
  }
}, true);
