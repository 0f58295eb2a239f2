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

window.CMS.init();
