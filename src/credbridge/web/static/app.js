// credbridge page: talks to the service's own /v1 API; no framework, no build step, no CDN.
"use strict";

const STATUS_LABELS = {
  verified: "Verified",
  unverified: "Unverified",
  expired: "Expired",
  revoked: "Revoked",
  invalid: "Invalid",
  not_earned: "Not earned",
  not_verifiable: "Not machine-verifiable",
  checking: "Checking…",
};

const $ = (selector) => document.querySelector(selector);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === "") continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function statusBadge(status) {
  return el("span", { class: `badge ${status}`, "data-status": status }, STATUS_LABELS[status] || status);
}

function say(target, message, isError = false) {
  target.textContent = message;
  target.classList.toggle("error", isError);
}

// A service started with API keys wants one on every /v1 call; it lives in this tab only.
function apiKey() {
  return sessionStorage.getItem("credbridge-api-key") || "";
}

// Errors come back as RFC 9457 problem+json; show their words, never a stack trace.
async function api(path, options = {}) {
  let response;
  const headers = new Headers(options.headers || {});
  if (apiKey()) headers.set("X-API-Key", apiKey());
  try {
    response = await fetch(path, { ...options, headers });
  } catch (error) {
    throw new Error("The credbridge service cannot be reached. Is it running?");
  }
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (response.status === 401) {
    $("#key-box").open = true;
    throw new Error("This service needs an API key: enter it under \u201cAPI key\u201d at the top.");
  }
  if (!response.ok) {
    const detail = typeof body === "object" ? body.detail || body.title : body;
    throw new Error(typeof detail === "string" ? detail : `The service answered ${response.status}.`);
  }
  return body;
}

// ---------------------------------------------------------------- tabs (keyboard: arrows, Home, End)

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const select = (tab) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    }
    tab.focus();
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (event) => {
      const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
      if (!(event.key in moves)) return;
      event.preventDefault();
      select(tabs[(moves[event.key] + tabs.length) % tabs.length]);
    });
  });
}

function setupDrop(form, onFile) {
  const input = form.querySelector('input[type="file"]');
  input.addEventListener("change", () => {
    const file = input.files[0];
    input.value = ""; // so that choosing the same file again (after an error) is a new choice
    if (file) onFile(file);
  });
  for (const name of ["dragenter", "dragover"]) {
    form.addEventListener(name, (event) => { event.preventDefault(); form.classList.add("over"); });
  }
  for (const name of ["dragleave", "drop"]) {
    form.addEventListener(name, () => form.classList.remove("over"));
  }
  form.addEventListener("drop", (event) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
}

function fact(list, term, value) {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
  list.append(el("dt", {}, term), el("dd", {}, Array.isArray(value) ? value.join(", ") : value));
}

function link(url, text) {
  return url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, text || url) : null;
}

// ---------------------------------------------------------------- recruiter view

let currentProfile = null;

function renderCandidate(person) {
  const list = $("#candidate");
  list.replaceChildren();
  fact(list, "Name", person.name || "Not found");
  fact(list, "Email", person.emails);
  fact(list, "Phone", person.phones);
  fact(list, "Location", person.location);
  const links = (person.links || []).map((item) => link(item.url, item.kind || item.url));
  if (links.length) list.append(el("dt", {}, "Links"), el("dd", {}, links.flatMap((a, i) => (i ? [" · ", a] : [a]))));
}

function credentialStatus(credential, resolving) {
  const status = (credential.verification && credential.verification.status) || "unverified";
  return resolving && credential.url && status === "unverified" ? "checking" : status;
}

function renderCredentials(credentials, resolving) {
  const body = $("#credentials tbody");
  body.replaceChildren();
  $("#credentials-empty").hidden = credentials.length > 0;
  for (const credential of credentials) {
    const notes = (credential.discrepancies || []).map((d) => el("p", { class: "discrepancy" }, d.message));
    const issuer = (credential.issuer && credential.issuer.name) || "";
    body.append(el("tr", {},
      el("td", {}, credential.name, notes),
      el("td", {}, issuer),
      el("td", {}, credential.issued || ""),
      el("td", {}, credential.expires || (credential.no_expiry ? "No expiry" : "")),
      el("td", {}, statusBadge(credentialStatus(credential, resolving))),
      el("td", {}, link(credential.url, credential.platform || "link") || ""),
    ));
  }
}

function renderSkills(skills) {
  const body = $("#skills tbody");
  body.replaceChildren();
  $("#skills-empty").hidden = skills.length > 0;
  for (const skill of skills) {
    const refs = (skill.references || []).map((ref) =>
      el("div", {}, `${ref.scheme.toUpperCase()}: `, link(ref.id.startsWith("http") ? ref.id : null, ref.label) || ref.label));
    body.append(el("tr", {},
      el("td", {}, skill.name),
      el("td", {}, refs.length ? refs : el("span", { class: "muted" }, "Not mapped")),
      el("td", {}, skill.verified ? statusBadge("verified") : el("span", { class: "muted" }, "No")),
    ));
  }
}

function renderProfile(profile, resolving) {
  currentProfile = profile;
  renderCandidate(profile.person || {});
  renderCredentials(profile.credentials || [], resolving);
  renderSkills(profile.skills || []);
  $("#resume-result").hidden = false;
}

async function uploadResume(file, resolve) {
  const form = new FormData();
  form.append("file", file, file.name);
  return api(`/v1/resumes?resolve=${resolve}`, { method: "POST", body: form });
}

// A quick pass without badge resolution shows the resume at once; the full pass then replaces
// "Checking…" with each badge's verified status.
async function checkResume(file) {
  const status = $("#resume-status");
  say(status, `Reading ${file.name}…`);
  try {
    const quick = await uploadResume(file, false);
    const links = (quick.credentials || []).filter((c) => c.url).length;
    renderProfile(quick, links > 0);
    if (!links) {
      say(status, `Read ${file.name}: ${quick.credentials.length} credential(s), no badge links to check.`);
      return;
    }
    say(status, `Checking ${links} badge link(s)…`);
    const full = await uploadResume(file, true);
    renderProfile(full, false);
    const verified = full.credentials.filter((c) => c.verification && c.verification.status === "verified").length;
    say(status, `Done: ${full.credentials.length} credential(s), ${verified} verified.`);
  } catch (error) {
    say(status, error.message, true);
  }
}

async function loadTargets() {
  const adapters = await api("/v1/adapters");
  const list = Array.isArray(adapters) ? adapters : adapters.adapters || [];
  const select = $("#download-target");
  select.replaceChildren(...list.map((a) => el("option", { value: a.name }, a.title || a.name)));
  return list;
}

function extensionFor(mediaType) {
  if (mediaType.includes("xml")) return "xml";
  if (mediaType.includes("csv")) return "csv";
  return "json";
}

async function downloadRecord(event) {
  event.preventDefault();
  const status = $("#download-status");
  if (!currentProfile) return;
  const target = $("#download-target").value;
  try {
    const result = await translate({ profile: currentProfile, target });
    const text = typeof result.record === "string" ? result.record : JSON.stringify(result.record, null, 2);
    const blob = new Blob([text], { type: result.media_type });
    const anchor = el("a", { href: URL.createObjectURL(blob), download: `candidate.${target}.${extensionFor(result.media_type)}` });
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    say(status, `Downloaded the ${target} record${result.losses.length ? ` (${result.losses.length} item(s) it cannot carry)` : ""}.`);
  } catch (error) {
    say(status, error.message, true);
  }
}

function translate(body) {
  return api("/v1/translate", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

// ---------------------------------------------------------------- issuer view

function renderChecks(list, checks) {
  list.replaceChildren(...checks.map((check) => el("li", { "data-check": check.id },
    el("span", { class: `outcome ${check.outcome}` }, check.outcome),
    el("span", {}, el("strong", {}, check.id.replaceAll("_", " ")), ": ", check.message))));
}

function renderMetadata(credential) {
  const list = $("#metadata");
  list.replaceChildren();
  if (!credential) {
    list.append(el("dd", { class: "muted" }, "No credential could be read."));
    return;
  }
  fact(list, "Name", credential.name);
  fact(list, "Issuer", credential.issuer && credential.issuer.name);
  fact(list, "Issued", credential.issued);
  fact(list, "Expires", credential.expires || (credential.no_expiry ? "No expiry" : "Not stated"));
  fact(list, "Description", credential.description);
  fact(list, "Criteria", credential.criteria);
  fact(list, "Skills", credential.skills);
  fact(list, "Alignments", (credential.alignments || []).map((a) => a.target_code ? `${a.target_name} (${a.target_code})` : a.target_name));
  fact(list, "Tags", credential.tags);
}

async function renderTargets(credential) {
  const box = $("#targets");
  box.replaceChildren(el("p", { class: "muted" }, "Translating for each platform…"));
  if (!credential) {
    box.replaceChildren(el("p", { class: "muted" }, "Nothing to translate."));
    return;
  }
  const targets = await loadTargets();
  const sections = await Promise.all(targets.map(async (target) => {
    try {
      const result = await translate({ credentials: [credential], target: target.name });
      const record = typeof result.record === "string" ? result.record : JSON.stringify(result.record, null, 2);
      const losses = result.losses.length
        ? el("ul", {}, result.losses.map((loss) => el("li", { class: "loss" }, `${loss.field}: ${loss.action}. ${loss.detail}`)))
        : el("p", {}, "Nothing lost.");
      return el("details", { "data-target": target.name },
        el("summary", {}, `${target.title || target.name}: ${result.losses.length} item(s) lost or moved`),
        losses, el("pre", {}, record));
    } catch (error) {
      return el("details", { "data-target": target.name }, el("summary", {}, `${target.name}: ${error.message}`));
    }
  }));
  box.replaceChildren(...sections);
}

async function showReport(request, label) {
  const status = $("#badge-status");
  say(status, `Checking ${label}…`);
  try {
    const report = await request();
    $("#verdict").replaceChildren(statusBadge(report.status), " ",
      report.valid ? "This badge verifies." : "This badge does not verify.",
      report.format ? ` Format: ${report.format}.` : "");
    renderChecks($("#checks"), report.checks || []);
    renderMetadata(report.credential);
    renderChecks($("#lint"), report.lint || []);
    $("#badge-result").hidden = false;
    say(status, `Checked ${label}.`);
    await renderTargets(report.credential);
  } catch (error) {
    say(status, error.message, true);
  }
}

function verifyUrl(event) {
  event.preventDefault();
  const url = $("#badge-url").value.trim();
  if (!url) return;
  showReport(() => api("/v1/badges/verify", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ url }),
  }), url);
}

function verifyFile(file) {
  const form = new FormData();
  form.append("file", file, file.name);
  showReport(() => api("/v1/badges/verify", { method: "POST", body: form }), file.name);
}

document.addEventListener("DOMContentLoaded", () => {
  setupTabs();
  setupDrop($("#resume-form"), checkResume);
  setupDrop($("#badge-file-form"), verifyFile);
  $("#badge-url-form").addEventListener("submit", verifyUrl);
  $("#download-form").addEventListener("submit", downloadRecord);
  $("#key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem("credbridge-api-key", $("#api-key").value.trim());
    $("#key-box").open = false;
    loadTargets().then(() => say($("#download-status"), ""), (error) => say($("#download-status"), error.message, true));
  });
  loadTargets().catch((error) => say($("#download-status"), error.message, true));
});
