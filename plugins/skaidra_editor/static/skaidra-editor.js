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

// A picture needs the words that say what it shows (the contract: `image_alt` beside
// every `image`). Decap cannot make one field required by another, so the save is
// refused here, with the site's own message (on <html data-missing-alt>), before any commit.
function withoutAlt(value, path) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = withoutAlt(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
  } else if (value !== null && typeof value === "object") {
    const image = typeof value.image === "string" ? value.image.trim() : "";
    const alt = typeof value.image_alt === "string" ? value.image_alt.trim() : "";
    if (image && !alt) return path ? `${path}.image_alt` : "image_alt";
    for (const [key, inner] of Object.entries(value)) {
      const found = withoutAlt(inner, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

window.CMS.registerEventListener({
  name: "preSave",
  handler: ({ entry }) => {
    const field = withoutAlt(entry.get("data").toJS(), "");
    if (field !== null) {
      throw new Error(document.documentElement.dataset.missingAlt.replace("{field}", field.replace(/^items/, "")));
    }
  },
});

window.CMS.init();
