/* Voordeur chat widget. One <script src=".../widget.js" defer></script> on any page.
 * Plain JavaScript, no build, nothing from a CDN: everything comes from the Voordeur API.
 * Accessible: a live log for screen readers, real buttons, keyboard only works, large
 * touch targets, readable at 200% zoom and on a 360 px phone. All words come from the API
 * (content/texts/nl/widget.yml and the conversation itself).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var wanted = (script && script.getAttribute("data-language")) || "nl";
  var LANGUAGES = ["nl", "en", "pl", "tr", "ar", "uk"];
  var language = LANGUAGES.indexOf(wanted) >= 0 ? wanted : "nl";
  var RIGHT_TO_LEFT = ["ar"];
  // Speech for "lees voor" in the message's own language.
  var SPEECH = { nl: "nl-NL", en: "en-GB", pl: "pl-PL", tr: "tr-TR", ar: "ar-SA", uk: "uk-UA" };
  var STORE = "voordeur.conversation";
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  // Short messages one by one, so a slow reader is not handed a wall of text.
  var STEP_MS = reduceMotion ? 0 : 450;

  var words = {};
  var conversationId = null;
  var lastQuestion = null;
  var queue = Promise.resolve();
  var ui = { labels: [] };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function call(method, path, body) {
    return fetch(base + path, {
      method: method,
      headers: { "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    });
  }

  function remember(id) {
    conversationId = id;
    try { localStorage.setItem(STORE, id); } catch (e) { /* private mode: no resume by reload */ }
  }

  function forget() {
    try { localStorage.removeItem(STORE); } catch (e) { /* nothing kept */ }
  }

  function wait(ms) { return new Promise(function (done) { setTimeout(done, ms); }); }

  function readAloud(text, lang) {
    if (!("speechSynthesis" in window)) { return; }
    window.speechSynthesis.cancel();
    var code = lang || language;
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = SPEECH[code] || SPEECH.nl;
    var voices = window.speechSynthesis.getVoices().filter(function (v) { return v.lang && v.lang.indexOf(code) === 0; });
    if (voices.length) { utterance.voice = voices[0]; }
    window.speechSynthesis.speak(utterance);
  }

  // Words of the widget itself that follow the conversation's language.
  function label(node, key, attribute) {
    ui.labels.push([node, key, attribute]);
    if (attribute) { node.setAttribute(attribute, words[key]); } else { node.textContent = words[key]; }
    return node;
  }

  function direction(code) { return RIGHT_TO_LEFT.indexOf(code) >= 0 ? "rtl" : "ltr"; }

  // The resident chose another language (a button, "english please", or the offer after
  // their first story): the widget's own words and direction follow.
  function useLanguage(code) {
    if (!code || code === language || LANGUAGES.indexOf(code) < 0) { return Promise.resolve(); }
    language = code;
    ui.root.setAttribute("lang", code);
    ui.root.setAttribute("dir", direction(code));
    return call("GET", "/api/widget/texts?language=" + code).then(function (result) {
      if (result.status !== 200) { return; }
      words = result.data;
      ui.labels.forEach(function (entry) {
        if (entry[2]) { entry[0].setAttribute(entry[2], words[entry[1]]); } else { entry[0].textContent = words[entry[1]]; }
      });
    });
  }

  function showBot(message) {
    var item = el("div", { "class": "vd-bot", "data-key": message.key || "", "lang": message.language || language, "dir": message.direction || direction(language) });
    item.appendChild(el("span", { "class": "vd-sr" }, words.municipality + ": "));
    item.appendChild(el("p", {}, message.text));
    var read = el("button", { "type": "button", "class": "vd-read", "aria-label": words.read_aloud + ": " + message.text.slice(0, 60) }, words.read_aloud);
    read.addEventListener("click", function () { readAloud(message.text, message.language); });
    item.appendChild(read);
    ui.log.appendChild(item);
    item.scrollIntoView({ block: "nearest" });
  }

  function showResident(text) {
    var item = el("div", { "class": "vd-me" });
    item.appendChild(el("span", { "class": "vd-sr" }, words.you + ": "));
    item.appendChild(el("p", {}, text));
    ui.log.appendChild(item);
    item.scrollIntoView({ block: "nearest" });
  }

  function showChoices(question) {
    ui.choices.textContent = "";
    ui.simpler.hidden = !(question && question.has_simpler);
    if (!question) { return; }
    (question.buttons || []).forEach(function (button) {
      var option = (button.payload.match(/"option":"([^"]*)"/) || [])[1] || "";
      var choice = el("button", { "type": "button", "class": "vd-choice", "data-option": option, "data-question": (question.expects || {}).question || "" }, button.title);
      choice.addEventListener("click", function () { send({ payload: button.payload }, button.title); });
      ui.choices.appendChild(choice);
    });
  }

  // The log is busy while a turn is under way and its messages appear one by one: screen
  // readers then wait for the whole reply, and so can anything that drives the page.
  function busy(on) { ui.log.setAttribute("aria-busy", on ? "true" : "false"); }

  function showMessages(messages, instant) {
    busy(true);
    queue = queue.then(function () {
      var chain = Promise.resolve();
      messages.forEach(function (message, index) {
        chain = chain.then(function () {
          if (message.from === "resident") { showResident(message.text); return; }
          showBot(message);
          return instant || index === messages.length - 1 ? null : wait(STEP_MS);
        });
      });
      return chain.then(function () {
        var question = null;
        messages.forEach(function (m) { if (m.expects) { question = m; } });
        if (question || !instant) { lastQuestion = question; showChoices(question); }
        busy(false);
      });
    });
    return queue;
  }

  function status(text) { ui.status.textContent = text || ""; }

  function handle(result, echoed) {
    if (result.status === 404) { forget(); return start(); }
    if (result.status >= 400) {
      busy(false);
      status(result.data && result.data.message ? result.data.message : words.error);
      return null;
    }
    status("");
    if (echoed !== undefined) { ui.input.value = ""; }
    remember(result.data.conversation_id || conversationId);
    var shown = showMessages(result.data.messages || [], false);
    return useLanguage((result.data.state || {}).language).then(function () { return shown; });
  }

  function send(body, echo) {
    if (!conversationId) { return; }
    showResident(echo);
    ui.choices.textContent = "";
    busy(true);
    return call("POST", "/api/conversations/" + encodeURIComponent(conversationId) + "/messages", body)
      .then(function (result) { return handle(result, body.text); })
      .catch(function () { busy(false); status(words.error); });
  }

  function start() {
    return call("POST", "/api/conversations", { language: language, channel: "web" })
      .then(function (result) { return handle(result); })
      .catch(function () { status(words.error); });
  }

  function resumeStored() {
    var stored = null;
    // "Samen invullen" opens the chat on the conversation the worker just started.
    var handed = (location.hash.match(/gesprek=([\w-]+)/) || [])[1];
    if (handed) { remember(handed); history.replaceState(null, "", location.pathname); }
    try { stored = localStorage.getItem(STORE); } catch (e) { stored = null; }
    if (!stored) { return start(); }
    conversationId = stored;
    return call("GET", "/api/conversations/" + encodeURIComponent(stored))
      .then(function (result) {
        if (result.status !== 200) { forget(); conversationId = null; return start(); }
        return useLanguage((result.data.state || {}).language).then(function () {
          return showMessages(result.data.messages || [], true);
        });
      })
      .catch(function () { status(words.error); });
  }

  function resumeWithCode(code) {
    return call("POST", "/api/conversations/resume", { code: code }).then(function (result) {
      if (result.status !== 200) { status(words.resume_unknown); return; }
      remember(result.data.conversation_id);
      ui.log.textContent = "";
      return call("GET", "/api/conversations/" + encodeURIComponent(conversationId)).then(function (history) {
        return useLanguage((history.data.state || {}).language).then(function () {
          return showMessages(history.data.messages || [], true);
        });
      });
    });
  }

  function build(container, inline) {
    var root = el("section", { "class": "vd-chat" + (inline ? " vd-inline" : ""), "lang": language, "dir": direction(language), "aria-labelledby": "vd-title" });
    ui.root = root;
    var header = el("div", { "class": "vd-header" });
    header.appendChild(label(el("h2", { "id": "vd-title" }), "title"));
    if (!inline) {
      var close = label(el("button", { "type": "button", "class": "vd-close" }), "close");
      close.addEventListener("click", function () { container.hidden = true; ui.opener.focus(); });
      header.appendChild(close);
    }
    root.appendChild(header);
    ui.log = label(el("div", { "class": "vd-log", "role": "log", "aria-live": "polite", "aria-relevant": "additions", "tabindex": "0" }), "title", "aria-label");
    root.appendChild(ui.log);
    ui.choices = label(el("div", { "class": "vd-choices", "role": "group" }), "choices", "aria-label");
    root.appendChild(ui.choices);
    ui.status = el("p", { "class": "vd-status", "role": "status" });
    root.appendChild(ui.status);

    var form = el("form", { "class": "vd-form" });
    form.appendChild(label(el("label", { "for": "vd-input" }), "input_label"));
    ui.input = el("textarea", { "id": "vd-input", "rows": "2", "maxlength": "2000", "autocomplete": "off" });
    form.appendChild(ui.input);
    form.appendChild(label(el("button", { "type": "submit", "class": "vd-send" }), "send"));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = ui.input.value.trim();
      if (!text) { return; }
      if (text.length > 2000) { status(words.too_long); return; }
      send({ text: text }, text);
    });
    ui.input.addEventListener("keydown", function (event) {
      // Enter sends, Shift+Enter is a new line: what people expect from a chat.
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
    });
    root.appendChild(form);

    var tools = el("div", { "class": "vd-tools" });
    ui.simpler = label(el("button", { "type": "button", "class": "vd-simpler" }), "simpler");
    ui.simpler.hidden = true;
    ui.simpler.addEventListener("click", function () { send({ payload: "/simpler" }, words.simpler); });
    var pause = label(el("button", { "type": "button", "class": "vd-pause" }), "pause");
    pause.addEventListener("click", function () { send({ payload: "/pause" }, words.pause); });
    tools.appendChild(ui.simpler);
    tools.appendChild(pause);
    root.appendChild(tools);

    var resume = el("form", { "class": "vd-resume" });
    resume.appendChild(label(el("label", { "for": "vd-code" }), "resume_label"));
    var code = el("input", { "id": "vd-code", "autocomplete": "off", "maxlength": "32" });
    resume.appendChild(code);
    resume.appendChild(label(el("button", { "type": "submit" }), "resume_button"));
    resume.addEventListener("submit", function (event) {
      event.preventDefault();
      if (code.value.trim()) { resumeWithCode(code.value.trim()); }
    });
    root.appendChild(resume);
    container.appendChild(root);
  }

  function styles() {
    var link = el("link", { "rel": "stylesheet", "href": base + "/widget.css" });
    document.head.appendChild(link);
  }

  function init() {
    styles();
    call("GET", "/api/widget/texts?language=" + language).then(function (result) {
      words = result.data;
      var inline = document.getElementById("voordeur-chat");
      if (inline) {
        build(inline, true);
        resumeStored();
        return;
      }
      var panel = el("div", { "class": "vd-panel", "role": "dialog", "aria-labelledby": "vd-title" });
      panel.hidden = true;
      ui.opener = label(el("button", { "type": "button", "class": "vd-opener", "aria-expanded": "false" }), "open");
      var started = false;
      ui.opener.addEventListener("click", function () {
        panel.hidden = !panel.hidden;
        ui.opener.setAttribute("aria-expanded", String(!panel.hidden));
        if (!panel.hidden) {
          if (!started) { started = true; resumeStored(); }
          ui.input.focus();
        }
      });
      document.body.appendChild(ui.opener);
      document.body.appendChild(panel);
      build(panel, false);
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
