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

// An event's place (the contract: `location` is a venue's id, or a place written out).
// Decap has no widget for a value of two kinds, so this one offers the site's venues
// (listed in the field's config when the site was built) and "another place", whose
// name, address, locality, country, coordinates and accessibility note (in each of the
// site's languages) are typed here.
const h = window.h;
const PLACE_KEYS = ["name", "address", "locality", "country"];
const OTHER = "\u0000other";

const PlaceControl = window.createClass({
  plain() {
    const { value } = this.props;
    if (value && typeof value.toJS === "function") return value.toJS();
    return value;
  },
  choose(event) {
    const chosen = event.target.value;
    const current = this.plain();
    if (chosen === OTHER) this.props.onChange(current && typeof current === "object" ? current : { name: "" });
    else this.props.onChange(chosen || "");
  },
  edit(key, text) {
    const current = this.plain();
    const place = { ...(current && typeof current === "object" ? current : {}) };
    if (text) place[key] = text;
    else delete place[key];
    this.props.onChange(place);
  },
  editGeo(index, text) {
    const place = { ...this.plain() };
    const geo = Array.isArray(place.geo) ? [...place.geo] : ["", ""];
    geo[index] = text === "" ? "" : Number(text);
    if (geo[0] === "" && geo[1] === "") delete place.geo;
    else place.geo = geo;
    this.props.onChange(place);
  },
  editAccessibility(lang, text) {
    const place = { ...this.plain() };
    const note = typeof place.accessibility === "string" ? { [this.props.field.get("languages").get(0)]: place.accessibility }
      : { ...(place.accessibility || {}) };
    if (text) note[lang] = text;
    else delete note[lang];
    if (Object.keys(note).length) place.accessibility = note;
    else delete place.accessibility;
    this.props.onChange(place);
  },
  input(id, label, value, onChange, type = "text") {
    return h("p", { key: id }, [
      h("label", { htmlFor: id, key: "label" }, label),
      h("input", { id, key: "input", type, step: type === "number" ? "any" : undefined, value: value === undefined ? "" : value,
                   className: this.props.classNameWrapper, onChange: (event) => onChange(event.target.value) }),
    ]);
  },
  render() {
    const { field, forID, classNameWrapper } = this.props;
    const words = field.get("words").toJS();
    const venues = field.get("venues") ? field.get("venues").toJS() : [];
    const current = this.plain();
    const written = current && typeof current === "object";
    const choice = written ? OTHER : current || "";
    const options = [h("option", { key: "", value: "" }, words.none)]
      .concat(venues.map((venue) => h("option", { key: venue.id, value: venue.id }, `${venue.name} (${venue.id})`)))
      .concat([h("option", { key: OTHER, value: OTHER }, words.other)]);
    const parts = [h("select", { id: forID, key: "choice", value: choice, onChange: this.choose, className: classNameWrapper }, options)];
    if (written) {
      for (const key of PLACE_KEYS) {
        parts.push(this.input(`${forID}-${key}`, words[key], current[key], (text) => this.edit(key, text)));
      }
      const geo = Array.isArray(current.geo) ? current.geo : [];
      parts.push(this.input(`${forID}-lat`, words.lat, geo[0], (text) => this.editGeo(0, text), "number"));
      parts.push(this.input(`${forID}-lon`, words.lon, geo[1], (text) => this.editGeo(1, text), "number"));
      const languages = field.get("languages").toJS();
      const note = typeof current.accessibility === "string" ? { [languages[0]]: current.accessibility } : current.accessibility || {};
      for (const lang of languages) {
        parts.push(this.input(`${forID}-accessibility-${lang}`, `${words.accessibility} (${lang})`, note[lang],
                              (text) => this.editAccessibility(lang, text)));
      }
    }
    return h("div", {}, parts);
  },
});

window.CMS.registerWidget("skaidra-place", PlaceControl);

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
