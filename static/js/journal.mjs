// Autosave for a journal entry. The page works without this file (the Save
// button posts the form); with it, text is saved to the server while the
// learner types. Nothing is kept in browser storage: unsent text stays in the
// textarea until the server has it.
//
// - Debounced: a save starts 1.5 s after the last keystroke.
// - Each save names the revision it started from. If the server says the entry
//   was saved elsewhere since (409), autosave stops: the learner decides, with
//   the Save button, whether to replace that version.
// - Offline or a server error: "Not saved - retrying", with backoff, and again
//   as soon as the browser is back online.
// - Signed out (401, or a 403 whose token refresh says so): the text stays
//   here; once the learner signs in again (in another tab) the next try
//   fetches a fresh CSRF token and the save goes through.

const form = document.querySelector("form[data-journal-autosave]");

if (form) {
  const url = form.dataset.journalAutosave;
  const csrfUrl = form.dataset.csrfUrl;
  const signInUrl = form.dataset.signInUrl;
  const body = form.querySelector("textarea[name=body]");
  const title = form.querySelector("input[name=title]");
  const revision = form.querySelector("input[name=revision]");
  const csrfInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  const status = document.getElementById("journal-status");
  let token = csrfInput.value;
  let timer = null;
  let inFlight = null; // the pending save's promise
  let unsaved = false; // the page holds text the server does not
  let stale = false; // saved elsewhere since: autosave stops
  let blocked = false; // refused as invalid: wait for the next edit
  let submitting = false;
  let delay = 2000;

  const say = (text, state) => {
    status.textContent = text;
    status.dataset.state = state;
  };

  const saySignedOut = () => {
    status.textContent = "Not saved: you have been signed out. ";
    const link = document.createElement("a");
    link.className = "govuk-link";
    link.href = signInUrl;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = "Sign in again in a new tab (opens in new tab)";
    status.append(link, "; your text stays on this page and is saved when you are back.");
    status.dataset.state = "signed-out";
  };

  const schedule = (ms) => {
    clearTimeout(timer);
    timer = setTimeout(save, ms);
  };

  const json = async (response) => {
    try {
      return await response.json();
    } catch {
      return {};
    }
  };

  const useToken = (fresh) => {
    token = fresh;
    csrfInput.value = fresh; // the Save button's form post
    document.body.setAttribute("hx-headers", JSON.stringify({ "X-CSRFToken": fresh }));
  };

  // After a 403: "ok", "signed-out" or "failed".
  const refreshToken = async () => {
    try {
      const response = await fetch(csrfUrl, { credentials: "same-origin" });
      if (response.ok) {
        useToken((await json(response)).token || token);
        return "ok";
      }
      return response.status === 401 ? "signed-out" : "failed";
    } catch {
      return "failed";
    }
  };

  async function send() {
    const sent = body.value;
    const data = new FormData();
    data.append("body", sent);
    if (title) data.append("title", title.value);
    data.append("revision", revision.value);
    say("Saving…", "saving");
    let response = null;
    try {
      response = await fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token, Accept: "application/json" },
      });
    } catch {
      response = null; // offline, or the connection dropped
    }
    if (response && response.ok) {
      const result = await json(response);
      revision.value = result.revision;
      delay = 2000;
      say(`Saved at ${result.saved_at}`, "saved");
      if (body.value === sent) unsaved = false;
      else schedule(1500); // typed more while saving
      return;
    }
    if (response && response.status === 409) {
      stale = true;
      say(
        "Not saved: this entry was saved from another window. Your text is still here: " +
          "press Save to replace that version, or copy your text first.",
        "stale",
      );
      return;
    }
    if (response && response.status === 400) {
      blocked = true;
      say(`Not saved: ${(await json(response)).error || "check your entry"}`, "error");
      return;
    }
    if (response && response.status === 401) {
      saySignedOut();
    } else if (response && response.status === 403) {
      if ((await refreshToken()) === "signed-out") saySignedOut();
      else {
        say("Not saved - retrying", "retrying");
        delay = 500; // a fresh token: try again at once
      }
    } else {
      say("Not saved - retrying", "retrying");
    }
    schedule(delay);
    delay = Math.min(delay * 2, 30000);
  }

  async function save() {
    if (inFlight) {
      schedule(500);
      return;
    }
    if (!unsaved || stale || blocked || submitting) return;
    inFlight = send();
    try {
      await inFlight;
    } finally {
      inFlight = null;
    }
  }

  const changed = () => {
    unsaved = true;
    blocked = false;
    if (!stale) schedule(1500);
  };
  body.addEventListener("input", changed);
  if (title) title.addEventListener("input", changed);
  window.addEventListener("online", () => {
    if (unsaved && !stale) schedule(0);
  });

  // The Save button: let a save in flight finish first, so the form carries
  // the revision it produced, and do not warn about leaving.
  form.addEventListener("submit", async (event) => {
    clearTimeout(timer);
    if (inFlight) {
      event.preventDefault();
      const submitter = event.submitter;
      await inFlight.catch(() => null);
      form.requestSubmit(submitter);
      return;
    }
    submitting = true;
  });

  // Typed before this script loaded? Save that too.
  if (body.value !== body.defaultValue || (title && title.value !== title.defaultValue)) {
    changed();
  }
  form.dataset.autosaveReady = "true";

  window.addEventListener("beforeunload", (event) => {
    if ((unsaved || inFlight) && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}
