/* Kookstand (cook mode): a recipe one step at a time in large type, for a phone propped up in
 * the kitchen. The engine marked every step when it built the site (src/kookboek/site/
 * cook_mode.py): data-kb-uses names the rows of the ingredient table a step needs,
 * data-kb-timers the durations it names. The amounts are read from that table, so they are
 * the ones the portion scaler (kookboek.js) shows. The screen is kept on (Screen Wake Lock),
 * timers ring with a beep (WebAudio) and a vibration, "Lees voor" reads the step in Dutch.
 * Without scripts the button is hidden (a <noscript> style in main.html) and the page is as
 * it always was. Where she is (open or not, the step, the portions, the timers) is kept in
 * the tab's sessionStorage: a phone that reloads the page (it was in the background, she
 * pulled to refresh, she went to another page and back) opens on the same step, and the
 * timers go on from their own end times. */
(function () {
  "use strict";

  var NO_DUTCH_VOICE =
    "Je telefoon heeft geen Nederlandse voorleesstem. Daarom leest hij deze stap niet voor. " +
    "Een Nederlandse stem kun je toevoegen bij de instellingen van je telefoon: zoek naar " +
    "‘tekst naar spraak’.";
  var NO_WAKE_LOCK = "Je scherm kan uitgaan. Tik dan even op het scherm.";
  var SWIPE = 60; // px sideways before a swipe turns the page
  var RING_SECONDS = 30; // a finished timer beeps this long unless stopped
  var STATE_KEY = "kookboek-kookstand:"; // + the page's path, in sessionStorage
  var STALE_TIMER = 15 * 60 * 1000; // a timer that rang this long ago is not rung again

  function stateKey() {
    return STATE_KEY + location.pathname;
  }

  function readState() {
    try {
      var state = JSON.parse(window.sessionStorage.getItem(stateKey()) || "null");
      return state && state.versie === 1 ? state : null;
    } catch (e) {
      return null; // storage refused (private mode) or damaged: start afresh
    }
  }

  function writeState(state) {
    try {
      if (state) window.sessionStorage.setItem(stateKey(), JSON.stringify(state));
      else window.sessionStorage.removeItem(stateKey());
    } catch (e) {
      /* storage refused: cook mode works, it is only not kept */
    }
  }

  var current = null; // the open (or closed but ticking) cook mode of this page

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function button(className, text, attribute) {
    var made = element("button", className, text);
    made.type = "button";
    if (attribute) made.setAttribute(attribute, "");
    return made;
  }

  function clock(seconds) {
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = seconds % 60;
    var mm = (hours && minutes < 10 ? "0" : "") + minutes;
    return (hours ? hours + ":" : "") + mm + ":" + (rest < 10 ? "0" : "") + rest;
  }

  // --- Sound and vibration ---------------------------------------------------------------
  var audio = null;

  function unlockAudio() {
    // A phone plays sound only after a tap: made (or woken) when a timer is started.
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      if (!audio) audio = new Context();
      if (audio.state === "suspended") audio.resume();
    } catch (e) {
      audio = null;
    }
  }

  function beep() {
    if (!audio) return;
    try {
      [0, 0.25, 0.5].forEach(function (delay) {
        var start = audio.currentTime + delay;
        var tone = audio.createOscillator();
        var volume = audio.createGain();
        tone.type = "square";
        tone.frequency.value = 880;
        volume.gain.setValueAtTime(0.2, start);
        volume.gain.exponentialRampToValueAtTime(0.001, start + 0.18);
        tone.connect(volume);
        volume.connect(audio.destination);
        tone.start(start);
        tone.stop(start + 0.2);
      });
    } catch (e) {
      /* no sound: the vibration and the message remain */
    }
  }

  function vibrate() {
    if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 400]);
  }

  // --- Reading aloud ---------------------------------------------------------------------
  function language(voice) {
    return String(voice.lang || "").replace("_", "-").toLowerCase();
  }

  function dutchVoice(voices) {
    var flemish = voices.filter(function (v) { return language(v) === "nl-be"; });
    var dutch = voices.filter(function (v) { return language(v).indexOf("nl") === 0; });
    return flemish[0] || dutch[0] || null;
  }

  function withVoices(done) {
    var synth = window.speechSynthesis;
    var voices = synth.getVoices() || [];
    if (voices.length) { done(voices); return; }
    // Chrome fills the list a moment after the page asks for it.
    var finished = false;
    function finish() {
      if (finished) return;
      finished = true;
      done(synth.getVoices() || []);
    }
    if (synth.addEventListener) synth.addEventListener("voiceschanged", finish, { once: true });
    setTimeout(finish, 1000);
  }

  // --- The cook mode of one recipe ---------------------------------------------------------
  function CookMode(opener, recipe, steps) {
    this.opener = opener;
    this.recipe = recipe;
    this.steps = steps;
    this.index = 0;
    this.timers = [];
    this.ticking = null;
    this.lock = null;
    this.build();
  }

  CookMode.prototype.build = function () {
    var self = this;
    var dialog = (this.dialog = element("dialog", "kb-cook"));
    dialog.setAttribute("data-kb-cook", "");
    dialog.setAttribute("aria-labelledby", "kb-cook-waar");

    var bar = element("div", "kb-cook__bar");
    this.where = element("h2", "kb-cook__where");
    this.where.id = "kb-cook-waar";
    this.where.setAttribute("data-kb-cook-where", "");
    var stop = button("kb-cook__stop", "Stop", "data-kb-cook-stop");
    stop.addEventListener("click", function () { self.close(); });
    bar.appendChild(this.where);
    bar.appendChild(stop);

    var body = (this.body = element("div", "kb-cook__body"));
    var title = this.recipe.querySelector("h1");
    this.about = element("p", "kb-cook__recipe");
    this.titleText = title ? title.textContent.trim() : "";
    this.needsBox = element("section", "kb-cook__needs");
    this.needsBox.setAttribute("aria-label", "Wat je nodig hebt voor deze stap");
    this.needsBox.appendChild(element("h3", "kb-cook__needs-title", "Je hebt nodig"));
    this.needs = element("ul", "kb-cook__needs-list");
    this.needsBox.appendChild(this.needs);
    this.text = element("div", "kb-cook__text");
    this.text.setAttribute("data-kb-cook-text", "");
    this.tools = element("div", "kb-cook__tools");
    this.voiceMessage = element("p", "kb-cook__message");
    this.voiceMessage.setAttribute("data-kb-cook-voice-message", "");
    this.voiceMessage.setAttribute("role", "status");
    body.appendChild(this.about);
    body.appendChild(this.needsBox);
    body.appendChild(this.text);
    body.appendChild(this.tools);
    body.appendChild(this.voiceMessage);
    if (!("wakeLock" in navigator)) body.appendChild(element("p", "kb-cook__hint", NO_WAKE_LOCK));

    this.timerList = element("ul", "kb-cook__timers");
    this.timerList.setAttribute("aria-label", "Wekkers");
    this.timerList.hidden = true;

    var nav = element("div", "kb-cook__nav");
    this.previous = button("kb-cook__previous", "Vorige", "data-kb-cook-previous");
    this.next = button("kb-cook__next", "Volgende", "data-kb-cook-next");
    this.previous.addEventListener("click", function () { self.go(self.index - 1); });
    this.next.addEventListener("click", function () {
      if (self.index === self.steps.length - 1) self.close();
      else self.go(self.index + 1);
    });
    nav.appendChild(this.previous);
    nav.appendChild(this.next);

    this.live = element("p", "kb-visually-hidden");
    this.live.setAttribute("aria-live", "polite");
    this.live.setAttribute("data-kb-cook-live", "");
    this.alarm = element("p", "kb-visually-hidden");
    this.alarm.setAttribute("role", "alert");

    [bar, body, this.timerList, nav, this.live, this.alarm].forEach(function (part) {
      dialog.appendChild(part);
    });

    dialog.addEventListener("cancel", function (event) {
      event.preventDefault(); // Escape: close our way (wake lock, speech, focus)
      self.close();
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.target.closest && event.target.closest("input, textarea, select")) return;
      if (event.key === "ArrowRight") self.go(self.index + 1);
      if (event.key === "ArrowLeft") self.go(self.index - 1);
    });
    var start = null;
    body.addEventListener("touchstart", function (event) {
      var touch = event.changedTouches[0];
      start = { x: touch.clientX, y: touch.clientY };
    }, { passive: true });
    body.addEventListener("touchend", function (event) {
      if (!start) return;
      var touch = event.changedTouches[0];
      var dx = touch.clientX - start.x;
      var dy = touch.clientY - start.y;
      start = null;
      if (Math.abs(dx) < SWIPE || Math.abs(dx) < 1.5 * Math.abs(dy)) return;
      self.go(dx < 0 ? self.index + 1 : self.index - 1);
    }, { passive: true });
    this.onVisible = function () {
      // A hidden page loses its wake lock; it is asked for again when the page is back.
      if (document.visibilityState === "hidden") self.lock = null;
      else if (self.dialog.open) self.keepScreenOn();
    };
    document.body.appendChild(dialog);
  };

  CookMode.prototype.open = function () {
    var portions = this.recipe.querySelector("[data-kb-portions-input]");
    var people = portions ? parseInt(portions.value, 10) : NaN;
    this.about.textContent = this.titleText + (people > 0 ? " · voor " + people +
      (people === 1 ? " persoon" : " personen") : "");
    document.addEventListener("visibilitychange", this.onVisible);
    this.dialog.showModal();
    this.go(this.index, true);
    this.next.focus();
    this.keepScreenOn();
  };

  CookMode.prototype.close = function () {
    if (window.speechSynthesis && this.speaking) window.speechSynthesis.cancel();
    this.releaseScreen();
    document.removeEventListener("visibilitychange", this.onVisible);
    if (this.dialog.open) this.dialog.close();
    this.stopRinging();
    this.save();
    if (document.contains(this.opener)) this.opener.focus();
  };

  CookMode.prototype.keepScreenOn = function () {
    var self = this;
    if (!("wakeLock" in navigator) || this.lock) return;
    navigator.wakeLock.request("screen").then(function (lock) {
      if (!self.dialog.open) { lock.release(); return; }
      self.lock = lock;
      // The browser lets go of it when the page is hidden; asked again when it is back.
      lock.addEventListener && lock.addEventListener("release", function () {
        if (self.lock === lock) self.lock = null;
      });
    }, function () {
      /* refused (battery saver, no permission): the screen may dim */
    });
  };

  CookMode.prototype.releaseScreen = function () {
    var lock = this.lock;
    this.lock = null;
    if (lock) lock.release().catch(function () {});
  };

  CookMode.prototype.go = function (index, quiet) {
    if (index < 0 || index >= this.steps.length) return;
    if (window.speechSynthesis && this.speaking) window.speechSynthesis.cancel();
    this.index = index;
    var step = this.steps[index];
    var where = "Stap " + (index + 1) + " van " + this.steps.length;
    this.where.textContent = where;
    this.showNeeds(step);
    this.text.textContent = "";
    Array.prototype.forEach.call(step.childNodes, function (node) {
      this.text.appendChild(node.cloneNode(true));
    }, this);
    this.showTools(step, index);
    this.voiceMessage.textContent = "";
    this.previous.disabled = index === 0;
    this.next.textContent = index === this.steps.length - 1 ? "Klaar" : "Volgende";
    this.body.scrollTop = 0;
    if (!quiet) this.live.textContent = where + ". " + this.stepText();
    this.save();
  };

  CookMode.prototype.save = function () {
    var portions = this.recipe.querySelector("[data-kb-portions-input]");
    var timers = this.timers.filter(function (t) { return !t.done; }).map(function (t) {
      return { ends: t.ends, step: t.step, label: t.label };
    });
    var open = this.dialog.open;
    writeState(open || timers.length ? {
      versie: 1, open: open, step: this.index, timers: timers,
      portions: portions ? portions.value : null,
    } : null);
  };

  CookMode.prototype.restore = function (state) {
    var now = Date.now();
    if (state.step >= 0 && state.step < this.steps.length) this.index = state.step;
    (state.timers || []).forEach(function (saved) {
      if (typeof saved.ends !== "number" || now - saved.ends > STALE_TIMER) return;
      if (saved.step < 0 || saved.step >= this.steps.length) return;
      this.startTimer(0, String(saved.label), saved.step, saved.ends);
    }, this);
    if (state.open && !this.dialog.open) this.open();
    this.save();
  };

  CookMode.prototype.stepText = function () {
    return this.text.textContent.replace(/\s+/g, " ").trim();
  };

  CookMode.prototype.showNeeds = function (step) {
    var rows = this.recipe.querySelectorAll("table.kb-ingredients tbody tr");
    var uses = (step.getAttribute("data-kb-uses") || "").split(" ").filter(Boolean);
    this.needs.textContent = "";
    uses.forEach(function (position) {
      var row = rows[parseInt(position, 10)];
      if (!row || row.cells.length < 2) return;
      var item = element("li", "kb-cook__need");
      item.setAttribute("data-kb-cook-need", "");
      item.appendChild(element("strong", "kb-cook__amount", row.cells[0].textContent.trim()));
      item.appendChild(document.createTextNode(" " + row.cells[1].textContent.trim()));
      this.needs.appendChild(item);
    }, this);
    this.needsBox.hidden = !this.needs.children.length;
  };

  CookMode.prototype.showTools = function (step, index) {
    var self = this;
    this.tools.textContent = "";
    var timers = [];
    try { timers = JSON.parse(step.getAttribute("data-kb-timers") || "[]"); } catch (e) { timers = []; }
    timers.forEach(function (timer) {
      var start = button("kb-cook__tool kb-cook__timer-start", "", "data-kb-cook-timer-start");
      start.setAttribute("data-seconds", String(timer[0]));
      start.appendChild(element("span", "kb-cook__icon kb-cook__icon--timer"));
      start.appendChild(document.createTextNode("Wekker " + timer[1]));
      start.addEventListener("click", function () { self.startTimer(timer[0], timer[1], index); });
      self.tools.appendChild(start);
    });
    if (window.speechSynthesis && window.SpeechSynthesisUtterance) {
      var read = button("kb-cook__tool kb-cook__read", "", "data-kb-cook-read");
      read.appendChild(element("span", "kb-cook__icon kb-cook__icon--speak"));
      read.appendChild(document.createTextNode("Lees voor"));
      read.addEventListener("click", function () { self.readAloud(read); });
      this.tools.appendChild(read);
    }
  };

  CookMode.prototype.readAloud = function (read) {
    var self = this;
    var synth = window.speechSynthesis;
    if (this.speaking) { synth.cancel(); return; }
    var text = this.where.textContent + ". " + this.stepText();
    withVoices(function (voices) {
      var voice = dutchVoice(voices);
      if (!voice) {
        self.voiceMessage.textContent = NO_DUTCH_VOICE; // never Dutch in an English voice
        return;
      }
      self.voiceMessage.textContent = "";
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = String(voice.lang).replace("_", "-");
      try { utterance.voice = voice; } catch (e) { /* lang alone picks it */ }
      utterance.rate = 0.9;
      utterance.onend = utterance.onerror = function () {
        self.speaking = false;
        read.lastChild.textContent = "Lees voor";
      };
      self.speaking = true;
      read.lastChild.textContent = "Stop met voorlezen";
      synth.cancel();
      synth.speak(utterance);
    });
  };

  // --- Timers ------------------------------------------------------------------------------
  // ``ends``: a timer kept from before the page was loaded again (else it starts now).
  CookMode.prototype.startTimer = function (seconds, label, stepIndex, ends) {
    var self = this;
    unlockAudio();
    var timer = {
      ends: ends || Date.now() + seconds * 1000, step: stepIndex, label: label, done: false,
    };
    var item = (timer.item = element("li", "kb-cook__timer"));
    item.setAttribute("data-kb-cook-timer", "");
    timer.name = element("span", "kb-cook__timer-name", "Stap " + (stepIndex + 1) + ", " + label);
    timer.left = element("span", "kb-cook__timer-left");
    timer.left.setAttribute("data-kb-cook-timer-left", "");
    timer.left.setAttribute("role", "timer");
    var stop = button("kb-cook__timer-stop", "Stop", "data-kb-cook-timer-stop");
    stop.setAttribute("aria-label", "Stop de wekker van stap " + (stepIndex + 1));
    stop.addEventListener("click", function () { self.removeTimer(timer); });
    item.appendChild(timer.name);
    item.appendChild(timer.left);
    item.appendChild(stop);
    this.timerList.appendChild(item);
    this.timerList.hidden = false;
    this.timers.push(timer);
    this.tick();
    if (!this.ticking) this.ticking = setInterval(function () { self.tick(); }, 250);
    this.save();
  };

  CookMode.prototype.tick = function () {
    var now = Date.now();
    this.timers.forEach(function (timer) {
      if (timer.done) {
        if (now < timer.ringUntil && now - timer.lastBeep >= 2000) {
          timer.lastBeep = now;
          beep();
        }
        return;
      }
      var left = Math.max(0, Math.ceil((timer.ends - now) / 1000));
      timer.left.textContent = clock(left);
      if (left === 0) this.ring(timer, now);
    }, this);
  };

  CookMode.prototype.ring = function (timer, now) {
    timer.done = true;
    timer.lastBeep = now;
    timer.ringUntil = now + RING_SECONDS * 1000;
    timer.item.classList.add("kb-cook__timer--done");
    timer.left.textContent = "De tijd is om!";
    timer.item.lastChild.textContent = "Oké";
    timer.item.lastChild.setAttribute("aria-label", "Oké, stop de wekker van stap " + (timer.step + 1));
    this.alarm.textContent = "De tijd is om: stap " + (timer.step + 1) + ", " + timer.label + ".";
    beep();
    vibrate();
    if (!this.dialog.open) {
      this.open();
      this.go(timer.step);
    }
  };

  CookMode.prototype.removeTimer = function (timer) {
    this.timers.splice(this.timers.indexOf(timer), 1);
    timer.item.remove();
    this.timerList.hidden = !this.timers.length;
    if (!this.timers.length && this.ticking) {
      clearInterval(this.ticking);
      this.ticking = null;
    }
    this.save();
  };

  CookMode.prototype.stopRinging = function () {
    this.timers.filter(function (t) { return t.done; }).forEach(this.removeTimer, this);
  };

  CookMode.prototype.destroy = function () {
    this.close(); // saved: the timers go on when she comes back to this recipe
    if (this.ticking) clearInterval(this.ticking);
    this.timers = [];
    this.dialog.remove();
  };

  // --- Wiring ------------------------------------------------------------------------------
  function setup() {
    if (current && !document.contains(current.opener)) {
      current.destroy(); // instant navigation to another page
      current = null;
    }
    var opener = document.querySelector("[data-kb-cook-open]");
    if (!opener || opener.dataset.kbReady) return;
    var recipe = opener.closest("[data-kb-recipe]");
    var steps = recipe ? recipe.querySelectorAll(".kb-recipe__steps li[data-kb-cook-step]") : [];
    if (!steps.length || typeof HTMLDialogElement === "undefined") {
      opener.hidden = true;
      return;
    }
    opener.dataset.kbReady = "1";
    function cookMode() {
      if (!current) current = new CookMode(opener, recipe, Array.prototype.slice.call(steps));
      return current;
    }
    opener.addEventListener("click", function () { cookMode().open(); });
    var state = readState();
    if (!state) return;
    // Loaded again: the portions she chose (the scaler of kookboek.js listens), then cook
    // mode where she was.
    var portions = recipe.querySelector("[data-kb-portions-input]");
    if (portions && state.portions && portions.value !== state.portions) {
      portions.value = state.portions;
      portions.dispatchEvent(new Event("input", { bubbles: true }));
    }
    cookMode().restore(state);
  }

  window.addEventListener("pagehide", function () {
    if (!current) return;
    current.releaseScreen();
    current.save();
  });

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
