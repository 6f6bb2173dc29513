/* Decap CMS starts itself as soon as its bundle has run, and may then load its configuration
 * and backend before ungsoc-cms.js has made its additions: it waits for CMS.init() at the end
 * of ungsoc-cms.js instead (https://decapcms.org/docs/manual-initialization/). A file, not an
 * inline script: /admin/'s policy allows scripts from the site only. */
window.CMS_MANUAL_INIT = true;
