// The web editor of a Skaidra site: what Decap CMS needs beyond its generated config.yml.
import { YAML } from "./yaml/index.js";

// data/organisations.yaml, funders.yaml and venues.yaml are lists at their top level
// (docs/CONTENT-FORMAT.md, sections 2, 3 and 5); Decap edits a mapping, so the editor
// sees the list as the mapping's `items` and writes the list back as it was.
window.CMS.registerCustomFormat("skaidra-list", "yaml", {
  fromFile(content) {
    return { items: YAML.parse(content) || [] };
  },
  toFile(data) {
    return YAML.stringify(data.items || []);
  },
});

// A post's, page's, event's, episode's or project's picture needs the words that say what
// it shows (the contract: `image_alt` beside `image`). Decap cannot make one field required
// by another, so the save is refused here, with the site's own message (on <html
// data-missing-alt>), before anything is committed.
window.CMS.registerEventListener({
  name: "preSave",
  handler: ({ entry }) => {
    const image = entry.getIn(["data", "image"]);
    const alt = entry.getIn(["data", "image_alt"]);
    if (typeof image === "string" && image.trim() && !(typeof alt === "string" && alt.trim())) {
      throw new Error(document.documentElement.dataset.missingAlt.replace("{field}", "image_alt"));
    }
  },
});

// Phrases Decap's own Lithuanian lacks (it falls back to English for them), for the parts
// editors of a Skaidra site use: adding to a list, folding, the media library.
const MISSING_PHRASES = {
  lt: {
    editor: {
      editorWidgets: {
        list: { add: "Pridėti: %{item}", addType: "Pridėti: %{item}" },
        object: { expand: "Išskleisti", collapse: "Suskleisti" },
        markdown: {
          strikethrough: "Perbraukta",
          toggleMode: { rich: "Perjungti į formatuotą tekstą", markdown: "Perjungti į Markdown" },
        },
      },
      editorControl: { field: { widgetLabel: "Laukelis „%{widgetLabel}“" } },
    },
    mediaLibrary: {
      mediaLibraryCard: { copy: "Kopijuoti", copyName: "Kopijuoti pavadinimą", copyPath: "Kopijuoti kelią",
                          copyUrl: "Kopijuoti adresą", copied: "Nukopijuota" },
      mediaLibraryModal: { close: "Uždaryti" },
    },
  },
};

function merged(base, extra) {
  const result = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    result[key] = value && typeof value === "object" ? merged(base[key] || {}, value) : value;
  }
  return result;
}

const language = document.documentElement.lang;
if (MISSING_PHRASES[language] && window.CMS.getLocale(language)) {
  window.CMS.registerLocale(language, merged(window.CMS.getLocale(language), MISSING_PHRASES[language]));
}

window.CMS.init();
