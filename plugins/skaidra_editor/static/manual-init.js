// Decap CMS starts once skaidra-editor.js has registered what it needs (see there).
window.CMS_MANUAL_INIT = true;
