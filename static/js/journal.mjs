// Autosave for a journal entry. The page works without this file (the Save
// button posts the form); with it, text is saved to the server while the
// learner types. Nothing is kept in browser storage: unsent text stays in the
// textarea until the server has it.
//
// - Debounced: a save starts 1.5 s after the last keystroke.
// - Each save names the revision it started from; the server refuses an older
//   one (409), so a late save can never overwrite a newer one.
// - Offline or a server error: "Not saved - retrying", with backoff, and again
//   as soon as the browser is back online.
// - Signed out (401): the text stays here; once the learner signs in (in
//   another tab), a fresh CSRF token is fetched and the save goes through.

const form = document.querySelector("form[data-journal-autosave]");

if (form) {
  const url = form.dataset.journalAutosave;
  const csrfUrl = form.dataset.csrfUrl;
  const signInUrl = form.dataset.signInUrl;
  const body = form.querySelector("textarea[name=body]");
  const title = form.querySelector("input[name=title]");
  const revision = form.querySelector("input[name=revision]");
  const status = document.getElementById("journal-status");
  let token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let timer = null;
  let inFlight = false;
  let dirty = false;
  let delay = 2000;

  const say = (html, state) => {
    status.innerHTML = html;
    status.dataset.state = state;
  };

  const schedule = (ms) => {
    clearTimeout(timer);
    timer = setTimeout(save, ms);
  };

  // After a 403 (the CSRF token changed, because the learner signed in again, or
  // the session and its cookie are gone): "ok", "signed-out" or "failed".
  const refreshToken = async () => {
    try {
      const response = await fetch(csrfUrl, { credentials: "same-origin" });
      if (response.ok) {
        token = (await response.json()).token;
        return "ok";
      }
      return response.status === 401 ? "signed-out" : "failed";
    } catch {
      return "failed";
    }
  };

  const saySignedOut = () =>
    say(
      `Not saved: you have been signed out. <a class="govuk-link" href="${signInUrl}" ` +
        'target="_blank" rel="noopener">Sign in again in a new tab (opens in new tab)</a>; ' +
        "your text stays on this page and is saved when you are back.",
      "signed-out",
    );

  async function save() {
    if (inFlight) {
      schedule(500);
      return;
    }
    if (!dirty) return;
    inFlight = true;
    dirty = false;
    const data = new FormData();
    data.append("body", body.value);
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
      response = null; // offline or the connection dropped
    }
    inFlight = false;
    if (response && response.ok) {
      const result = await response.json();
      revision.value = result.revision;
      delay = 2000;
      say(`Saved at ${result.saved_at}`, "saved");
      if (dirty) schedule(1500);
      return;
    }
    dirty = true; // keep the text queued
    if (response && response.status === 409) {
      const result = await response.json();
      say(
        "Not saved: this entry was saved from another window. Your text is still here; " +
          "use the Save button to replace that version.",
        "stale",
      );
      revision.value = result.revision;
      dirty = false;
      return;
    }
    if (response && response.status === 400) {
      const result = await response.json();
      say(`Not saved: ${result.error}`, "error");
      dirty = false;
      return;
    }
    if (response && response.status === 401) {
      saySignedOut();
    } else if (response && response.status === 403) {
      if ((await refreshToken()) === "signed-out") {
        saySignedOut();
      } else {
        say("Not saved - retrying", "retrying");
        delay = 1000; // a fresh token: try again at once
      }
    } else {
      say("Not saved - retrying", "retrying");
    }
    delay = Math.min(delay * 2, 30000);
    schedule(delay);
  }

  const changed = () => {
    dirty = true;
    schedule(1500);
  };
  body.addEventListener("input", changed);
  if (title) title.addEventListener("input", changed);
  window.addEventListener("online", () => {
    if (dirty) schedule(0);
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty || inFlight) event.preventDefault();
  });
}
