/* Kookstand (cook mode): a recipe one step at a time in large type, for a phone propped up in
 * the kitchen. The engine marked every step when it built the site (src/kookboek/site/
 * cook_mode.py): data-kb-uses names the rows of the ingredient table a step needs,
 * data-kb-timers the durations it names. The amounts are read from that table, so they are
 * the ones the portion scaler (kookboek.js) shows. The screen is kept on (Screen Wake Lock),
 * timers ring with a beep (WebAudio) and a vibration, "Lees voor" reads the step in Dutch.
 * Without scripts the button is hidden (a <noscript> style in main.html) and the page is as
 * it always was. Where she is (open or not, the step, the portions, the timers) is kept in
 * localStorage for half a day: a phone that loads the page again (it was in the background,
 * she pulled to refresh, the home-screen app was closed) opens on the same step, and the
 * timers go on from their own end times. On the site's other pages a bar at the bottom
 * counts them down and rings. */
(function () {
  "use strict";

  var NO_DUTCH_VOICE =
    "Je telefoon heeft geen Nederlandse voorleesstem. Daarom leest hij deze stap niet voor. " +
    "Een Nederlandse stem kun je toevoegen bij de instellingen van je telefoon: zoek naar " +
    "‘tekst naar spraak’.";
  var NO_WAKE_LOCK = "Je scherm kan uitgaan. Tik dan even op het scherm.";
  var SWIPE = 60; // px sideways before a swipe turns the page
  var RING_SECONDS = 30; // a finished timer beeps this long unless stopped
  var STATE_KEY = "kookboek-kookstand:"; // + the recipe page's path, in localStorage
  var STATE_VERSION = 2;
  var KEPT_FOR = 12 * 3600 * 1000; // where she was is forgotten after half a day
  var STALE_TIMER = 15 * 60 * 1000; // a timer that ended this long ago is shown, not rung
  var NEEDS_TAP = "Tik één keer op het scherm, dan hoor je de wekker.";

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // refused (a private window, blocked storage): nothing is kept
    }
  }

  function readState(key) {
    var store = storage();
    try {
      var state = store && JSON.parse(store.getItem(key) || "null");
      if (state && state.versie === STATE_VERSION && Date.now() - state.saved < KEPT_FOR) {
        return state;
      }
      if (state) store.removeItem(key);
    } catch (e) {
      /* damaged: start afresh */
    }
    return null;
  }

  function writeState(key, state) {
    var store = storage();
    try {
      if (store && state) store.setItem(key, JSON.stringify(state));
      else if (store) store.removeItem(key);
    } catch (e) {
      /* full or refused: cook mode works, it is only not kept */
    }
  }

  // Every kept cook mode of the site (one per recipe page), by key.
  function keptStates() {
    var store = storage();
    var found = {};
    try {
      for (var i = 0; store && i < store.length; i++) {
        var key = store.key(i);
        if (key && key.indexOf(STATE_KEY) === 0) found[key] = null;
      }
    } catch (e) {
      return {};
    }
    Object.keys(found).forEach(function (key) { found[key] = readState(key); });
    return found;
  }

  // A short fingerprint of the steps: a state kept from before the coach changed the recipe
  // does not put her on another step.
  function fingerprint(texts) {
    var hash = 5381;
    var text = texts.join("\n");
    for (var i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
    return hash.toString(36);
  }

  function timeOfDay(ms) {
    var when = new Date(ms);
    return when.getHours() + ":" + (when.getMinutes() < 10 ? "0" : "") + when.getMinutes();
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
      if (!audio) {
        audio = new Context();
        // Firefox makes it suspended and lets it run a moment later, without a tap: the
        // lines that asked for a tap go then.
        if (audio.addEventListener) audio.addEventListener("statechange", showSoundHints);
      }
      if (audio.state === "suspended") audio.resume();
    } catch (e) {
      audio = null;
    }
  }

  // Sound waits for a tap: a timer kept from before the page was loaded again made its
  // sound without one. The first tap anywhere wakes it; the lines that ask for it go.
  var soundHints = [];

  function soundWaits() {
    return !!audio && audio.state === "suspended";
  }

  function showSoundHints() {
    soundHints = soundHints.filter(function (hint) { return document.contains(hint.line); });
    soundHints.forEach(function (hint) {
      hint.line.hidden = !(hint.wanted() && soundWaits());
    });
  }

  function wakeSound() {
    if (!soundWaits()) {
      showSoundHints(); // ready by itself meanwhile: nothing to ask
      return;
    }
    try {
      audio.resume().then(showSoundHints, function () {});
    } catch (e) {
      /* no sound: the vibration and the message remain */
    }
  }

  // Every kind of tap: WebKit lets sound start only on the finger's release.
  ["pointerdown", "pointerup", "touchend", "click", "keydown"].forEach(function (kind) {
    document.addEventListener(kind, wakeSound, true);
  });

  function beep() {
    if (!audio) return;
    wakeSound();
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

  // A timer that is ringing beeps again every 2 seconds until it is stopped or RING_SECONDS.
  function ringOn(ringing, now) {
    if (now < ringing.ringUntil && now - ringing.lastBeep >= 2000) {
      ringing.lastBeep = now;
      beep();
    }
  }

  function secondsLeft(ends, now) {
    return Math.max(0, Math.ceil((ends - now) / 1000));
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
    // Taken now: with instant navigation the address is already the next page's when this
    // one saves for the last time.
    this.key = STATE_KEY + location.pathname;
    this.print = fingerprint(steps.map(function (step) { return step.textContent; }));
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
    this.soundHint = element("p", "kb-cook__hint", NEEDS_TAP);
    this.soundHint.hidden = true;
    body.appendChild(this.soundHint);
    soundHints.push({
      line: this.soundHint,
      wanted: function () { return self.timers.some(function (t) { return !t.done; }); },
    });
    if (!("wakeLock" in navigator)) body.appendChild(element("p", "kb-cook__hint", NO_WAKE_LOCK));

    this.timerList = element("ul", "kb-cook__timers");
    this.timerList.setAttribute("aria-label", "Wekkers");
    this.timerList.hidden = true;

    var nav = (this.nav = element("div", "kb-cook__nav"));
    this.previous = button("kb-cook__previous", "Vorige", "data-kb-cook-previous");
    this.next = button("kb-cook__next", "Volgende", "data-kb-cook-next");
    this.next.autofocus = true; // focused when the dialog opens
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
    // The step is put in before the dialog is shown: the browser lays the dialog out once,
    // with its step, and showModal() focuses "Volgende" (autofocus) without a second pass.
    this.go(this.index, true);
    this.dialog.showModal();
    moveBar(this);
    this.save();
    this.keepScreenOn();
  };

  CookMode.prototype.close = function () {
    if (this.speaking) window.speechSynthesis.cancel();
    this.releaseScreen();
    document.removeEventListener("visibilitychange", this.onVisible);
    if (this.dialog.open) {
      this.body.scrollTop = 0; // opened again, its step starts at the top
      this.dialog.close();
    }
    if (bar && this.dialog.contains(bar.element)) moveBar(null);
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
    if (this.speaking) window.speechSynthesis.cancel();
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
    // Only on the screen: setting it lays the page out (close() puts it back to the top).
    if (this.dialog.open) this.body.scrollTop = 0;
    if (!quiet) this.live.textContent = where + ". " + this.stepText();
    this.save();
  };

  CookMode.prototype.save = function () {
    var portions = this.recipe.querySelector("[data-kb-portions-input]");
    var timers = this.timers.filter(function (t) { return !t.done; }).map(function (t) {
      return { ends: t.ends, step: t.step, label: t.label };
    });
    var open = this.dialog.open;
    writeState(this.key, open || timers.length ? {
      versie: STATE_VERSION, saved: Date.now(), path: this.path(),
      title: this.titleText, print: this.print, open: open, step: this.index, timers: timers,
      portions: portions ? portions.value : null,
    } : null);
  };

  CookMode.prototype.path = function () {
    return this.key.slice(STATE_KEY.length);
  };

  CookMode.prototype.restore = function (state) {
    var same = state.print === this.print; // else the coach changed the steps since
    if (same && state.step >= 0 && state.step < this.steps.length) this.index = state.step;
    (state.timers || []).forEach(function (saved) {
      if (typeof saved.ends !== "number" || typeof saved.step !== "number") return;
      var step = Math.max(0, Math.min(this.steps.length - 1, saved.step));
      this.startTimer(0, String(saved.label), step, saved.ends, saved.rang);
    }, this);
    if (same && state.open && !this.dialog.open) this.open();
    this.save();
  };

  // Another tab stopped or started a timer of this recipe: the same timers here.
  CookMode.prototype.sync = function () {
    var state = readState(this.key);
    var kept = state ? state.timers || [] : [];
    this.timers.slice().forEach(function (timer) {
      if (!timer.done && !kept.some(function (k) { return sameTimer(k, timer); })) {
        this.removeTimer(timer);
      }
    }, this);
    kept.forEach(function (saved) {
      if (typeof saved.ends !== "number" || typeof saved.step !== "number") return;
      if (this.timers.some(function (t) { return sameTimer(t, saved); })) return;
      var step = Math.max(0, Math.min(this.steps.length - 1, saved.step));
      this.startTimer(0, String(saved.label), step, saved.ends, saved.rang);
    }, this);
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
    var timers;
    try { timers = JSON.parse(step.getAttribute("data-kb-timers") || "[]"); } catch (e) { timers = []; }
    timers.forEach(function (timer) {
      var start = button("kb-cook__tool kb-cook__timer-start", "", "data-kb-cook-timer-start");
      start.setAttribute("data-seconds", String(timer[0]));
      start.appendChild(element("span", "kb-cook__icon kb-cook__icon--timer"));
      start.appendChild(document.createTextNode("Wekker " + timer[1]));
      start.addEventListener("click", function () { self.startTimer(timer[0], timer[1], index); });
      self.tools.appendChild(start);
    });
    // "in", not the property itself: reading it starts the browser's speech engine.
    if ("speechSynthesis" in window && window.SpeechSynthesisUtterance) {
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
  // ``rang``: it rang before (in the bar of another page): shown as ended, not rung again.
  CookMode.prototype.startTimer = function (seconds, label, stepIndex, ends, rang) {
    var self = this;
    unlockAudio();
    var timer = {
      ends: ends || Date.now() + seconds * 1000, step: stepIndex, label: label, done: false,
      rang: rang || 0,
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
    showSoundHints();
  };

  CookMode.prototype.tick = function () {
    var now = Date.now();
    this.timers.forEach(function (timer) {
      if (timer.done) {
        ringOn(timer, now);
        return;
      }
      var left = secondsLeft(timer.ends, now);
      timer.left.textContent = clock(left);
      if (left === 0) this.ring(timer, now);
    }, this);
  };

  CookMode.prototype.ring = function (timer, now) {
    // Ended long before the page was back, or it rang already in the bar of another page.
    var long = !!timer.rang || now - timer.ends > STALE_TIMER;
    timer.done = true;
    timer.lastBeep = now;
    timer.ringUntil = long ? 0 : now + RING_SECONDS * 1000;
    timer.item.classList.add("kb-cook__timer--done");
    timer.left.textContent = long ? "Afgelopen om " + timeOfDay(timer.ends) : "De tijd is om!";
    timer.item.lastChild.textContent = "Oké";
    timer.item.lastChild.setAttribute("aria-label", "Oké, stop de wekker van stap " + (timer.step + 1));
    showSoundHints();
    if (long) return; // said, not rung: the food was off the stove long ago
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
    showSoundHints(); // the last timer stopped: nothing left to hear
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

  // --- The timers of other recipes, on every other page -----------------------------------
  // She set a timer in cook mode and went to the shopping list: a bar at the bottom counts it
  // down, rings, and leads back to the recipe; the screen stays on while one runs. In another
  // recipe's cook mode the bar stands inside it, above its buttons. Stop (or Oké) there stops
  // the timer for good. A timer that rang once is kept as rung: it never rings twice.
  var bar = null;

  function sameTimer(a, b) {
    return a.ends === b.ends && a.step === b.step;
  }

  function changeKeptTimer(key, timer, change) {
    var state = readState(key);
    if (!state) return;
    state.timers = (state.timers || []).map(function (kept) {
      return sameTimer(kept, timer) ? change(kept) : kept;
    }).filter(Boolean);
    writeState(key, state.open || state.timers.length ? state : null);
  }

  function barRunning() {
    return !!bar && bar.entries.some(function (entry) { return !entry.done; });
  }

  function keepBarScreenOn() {
    if (!barRunning() || bar.lock || !("wakeLock" in navigator)) return;
    if (document.visibilityState === "hidden") return;
    var asked = bar;
    navigator.wakeLock.request("screen").then(function (lock) {
      if (bar !== asked || !barRunning()) { lock.release(); return; }
      bar.lock = lock;
      if (lock.addEventListener) lock.addEventListener("release", function () {
        if (bar === asked && bar.lock === lock) bar.lock = null;
      });
    }, function () { /* refused: the screen may dim */ });
  }

  function releaseBarScreen() {
    if (!bar || !bar.lock) return;
    bar.lock.release().catch(function () {});
    bar.lock = null;
  }

  document.addEventListener("visibilitychange", function () {
    if (!bar) return;
    if (document.visibilityState === "hidden") bar.lock = null; // the browser let go
    else keepBarScreenOn();
  });

  // Room at the end of the page for the bar, as high as it is now.
  function makeRoom() {
    if (!bar) return;
    var inside = bar.element.parentNode !== document.body;
    document.body.style.paddingBottom = inside ? "" : bar.element.offsetHeight + "px";
  }

  function closeBar() {
    if (!bar) return;
    clearInterval(bar.ticking);
    releaseBarScreen();
    if (bar.resized) bar.resized.disconnect();
    bar.element.remove();
    document.body.style.paddingBottom = "";
    bar = null;
  }

  function ringEntry(entry, now, quiet) {
    var timer = entry.timer;
    entry.done = true;
    entry.lastBeep = now;
    entry.ringUntil = quiet ? 0 : now + RING_SECONDS * 1000;
    entry.item.classList.add("kb-timerbar__timer--done");
    entry.left.textContent = quiet ? "Afgelopen om " + timeOfDay(timer.ends) : "De tijd is om!";
    entry.stop.textContent = "Oké";
    entry.stop.setAttribute("aria-label", "Oké, stop de wekker: " + entry.name);
    showSoundHints();
    if (!barRunning()) releaseBarScreen();
    if (quiet) return;
    changeKeptTimer(entry.key, timer, function (kept) {
      kept.rang = now;
      return kept;
    });
    bar.alarm.textContent = "De tijd is om: " + entry.name + ".";
    beep();
    vibrate();
  }

  function tickBar() {
    var now = Date.now();
    bar.entries.forEach(function (entry) {
      if (entry.done) {
        ringOn(entry, now);
        return;
      }
      var left = secondsLeft(entry.timer.ends, now);
      entry.left.textContent = clock(left);
      if (left === 0) {
        ringEntry(entry, now, !!entry.timer.rang || now - entry.timer.ends > STALE_TIMER);
      }
    });
  }

  function stopEntry(entry) {
    changeKeptTimer(entry.key, entry.timer, function () { return null; });
    var at = bar.entries.indexOf(entry);
    bar.entries.splice(at, 1);
    entry.item.remove();
    if (!barRunning()) releaseBarScreen();
    showSoundHints();
    var next = bar.entries[Math.min(at, bar.entries.length - 1)];
    if (next) {
      next.stop.focus();
      makeRoom();
      return;
    }
    var inside = bar.element.parentNode !== document.body;
    closeBar();
    // Not to the top of the page: to where she was.
    var place = inside && current ? current.next : document.querySelector(".md-content h1");
    if (place) {
      if (!inside) place.tabIndex = -1;
      place.focus({ preventScroll: true });
    }
  }

  function pageKey() {
    return document.querySelector("[data-kb-cook-open]") ? STATE_KEY + location.pathname : null;
  }

  function showOtherTimers(skipKey) {
    var parent = bar ? bar.element.parentNode : null;
    closeBar();
    var states = keptStates();
    var entries = [];
    Object.keys(states).forEach(function (key) {
      var state = states[key];
      if (!state || key === skipKey || typeof state.path !== "string") return;
      (state.timers || []).forEach(function (timer) {
        if (typeof timer.ends === "number" && typeof timer.step === "number") {
          entries.push({ key: key, state: state, timer: timer });
        }
      });
    });
    if (!entries.length) return;
    entries.sort(function (a, b) { return a.timer.ends - b.timer.ends; });
    unlockAudio(); // made now, it may wait for her first tap (the line below says so)
    var aside = element("aside", "kb-timerbar");
    aside.setAttribute("aria-label", "Wekkers van andere recepten");
    aside.setAttribute("data-kb-timerbar", "");
    var list = element("ul", "kb-timerbar__list");
    bar = { element: aside, entries: entries, ticking: null, lock: null, resized: null };
    entries.forEach(function (entry) {
      entry.name = (entry.state.title || "Recept") + ", stap " + (entry.timer.step + 1) + ", " +
        String(entry.timer.label);
      var item = (entry.item = element("li", "kb-timerbar__timer"));
      var link = element("a", "kb-timerbar__name", entry.name);
      link.href = entry.state.path;
      entry.left = element("span", "kb-timerbar__left");
      entry.left.setAttribute("role", "timer");
      entry.left.setAttribute("data-kb-timerbar-left", "");
      entry.stop = button("kb-timerbar__stop", "Stop", "data-kb-timerbar-stop");
      entry.stop.setAttribute("aria-label", "Stop de wekker: " + entry.name);
      entry.stop.addEventListener("click", function () { stopEntry(entry); });
      item.appendChild(link);
      item.appendChild(entry.left);
      item.appendChild(entry.stop);
      list.appendChild(item);
    });
    aside.appendChild(list);
    var hint = element("p", "kb-timerbar__hint", NEEDS_TAP);
    hint.hidden = true;
    aside.appendChild(hint);
    bar.alarm = element("p", "kb-visually-hidden");
    bar.alarm.setAttribute("role", "alert");
    aside.appendChild(bar.alarm);
    if (parent && parent !== document.body && document.contains(parent)) {
      parent.insertBefore(aside, parent.querySelector(".kb-cook__nav"));
    } else if (current && current.dialog.open) {
      current.dialog.insertBefore(aside, current.nav);
    } else {
      document.body.appendChild(aside);
    }
    soundHints.push({ line: hint, wanted: barRunning });
    tickBar();
    showSoundHints();
    keepBarScreenOn();
    bar.ticking = setInterval(tickBar, 250);
    if (window.ResizeObserver) {
      bar.resized = new ResizeObserver(makeRoom);
      bar.resized.observe(aside);
    }
    makeRoom();
  }

  // In a recipe's cook mode (a modal dialog: the page below cannot be seen or tapped) the
  // bar stands inside it; back on the page when it closes.
  function moveBar(into) {
    if (!bar) return;
    if (into) into.dialog.insertBefore(bar.element, into.nav);
    else document.body.appendChild(bar.element);
    makeRoom();
  }

  // Another tab (the home-screen app beside the browser) changed a kept cook mode.
  window.addEventListener("storage", function (event) {
    if (event.key !== null && String(event.key).indexOf(STATE_KEY) !== 0) return;
    if (current && event.key === current.key) current.sync();
    else showOtherTimers(pageKey());
  });

  // --- Wiring ------------------------------------------------------------------------------
  function setup() {
    if (current && !document.contains(current.opener)) {
      current.destroy(); // instant navigation to another page: saved, for the way back
      current = null;
    }
    var opener = document.querySelector("[data-kb-cook-open]");
    showOtherTimers(pageKey());
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
    var state = readState(STATE_KEY + location.pathname);
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
