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

window.CMS.init();
