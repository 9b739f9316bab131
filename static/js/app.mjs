// Site-wide behaviour. Everything works without this file; it adds GOV.UK
// Frontend's enhancements (error summary focus, menu toggles, character counts).
import { initAll } from "../vendor/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
