() => {
  // The page's side of voice messages. A browser that refuses the microphone only logs it, so the
  // reason is said under the message box; a finished recording is sent at once, as a typed message is.
  const note = () => document.getElementById("voice-note");
  const say = (text) => {
    const shown = note();
    if (shown) { shown.textContent = text; shown.style.display = text ? "block" : "none"; }
  };
  const reasons = {
    NotAllowedError: "The browser is blocking the microphone for this page. Allow it in the site settings next to the address bar, then tap 🎤 again, or type your message.",
    SecurityError: "The browser is blocking the microphone for this page. Allow it in the site settings next to the address bar, then tap 🎤 again, or type your message.",
    NotFoundError: "No microphone was found on this device. Connect one, or type your message.",
    OverconstrainedError: "No microphone was found on this device. Connect one, or type your message.",
    NotReadableError: "Another app is using the microphone. Close it and tap 🎤 again, or type your message.",
  };
  const insecure = "The microphone only works on a secure page (https, or this computer's own address). Please type your message.";
  const devices = navigator.mediaDevices;
  if (devices && devices.getUserMedia && !devices.__voiceNoted) {
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      try {
        const stream = await original(constraints);
        say("");
        return stream;
      } catch (error) {
        say(reasons[error && error.name] || "The microphone could not be started. Tap 🎤 to try again, or type your message.");
        throw error;
      }
    };
    devices.__voiceNoted = true;
  }
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest('[aria-label="Record audio"]') && !(devices && devices.getUserMedia)) {
      say(insecure);
    }
  }, true);
}
