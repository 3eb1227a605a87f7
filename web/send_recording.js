(value) => {
  // a voice clip attached to the message box (a finished recording, or an audio file) is sent at once
  const files = (value && value.files) || [];
  const audio = (f) => (f.mime_type || "").startsWith("audio") || /\.(wav|webm|ogg|oga|opus|mp3|m4a|aac|flac)$/i.test(f.path || f.orig_name || "");
  if (files.some(audio)) {
    setTimeout(() => document.querySelector('[data-testid="submit-button"]')?.click(), 0);
  }
  return [];
}
