// A new page's editor form gets a random token, so that Wagtail's autosave and a
// "Save draft" sent before the autosave's answer arrives create one page between
// them: the server edits the page the token has already created
// (site/editing/wagtail_hooks.py). Added as the page loads, before Wagtail takes
// the form's starting state, so the token is never an unsaved change.
(() => {
  const NAME = "compass-creation-token";

  function addToken() {
    const form = document.querySelector("form[data-edit-form]");
    if (!form || !/\/pages\/add\//.test(form.getAttribute("action") || "")) return;
    if (form.elements.namedItem(NAME)) return;
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = NAME;
    input.value = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    form.prepend(input);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addToken);
  } else {
    addToken();
  }
})();
