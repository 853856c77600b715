/* Diptych: Material's search worker, with stemming that finds a word in all its forms.

   Material's script turns every query word into a prefix query ("казахстана*"), and lunr
   runs no pipeline, so no stemmer, on a prefix query: the index held stems ("казахста")
   that a fully typed inflected word never prefixes. Here, around Material's own worker
   (hooks/search_languages.py points each page's __config at this file and passes the
   name of Material's worker, which sits beside it):

   - each word of a query is stemmed with the index's stemmers before Material reads it,
     and Material still makes it a prefix query;
   - the index keeps each word beside its stem (Russian stems are not always prefixes of
     the other forms: "Казахстан" -> "казахста", "Казахстане" -> "казахстан").

   So a query finds every word that it, once stemmed, begins, or whose stem it begins. */
(function () {
  "use strict";
  var material = new URL(self.location.href).searchParams.get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
    throw new Error("diptych-search.js: no Material search worker named in its URL");
  }

  var originals = new Map(); /* lunr language namespace -> its own stemmer */
  var stemmers = []; /* the stemmers of the index's languages, for queries */
  var WORD = /[\p{L}\p{M}\p{N}]+(?![\p{L}\p{M}\p{N}:])/gu; /* not a field name ("title:") */

  /* The language's stemmer, in the index, keeps the word it stems beside the stem. */
  function keepWords(namespace) {
    var stemmer = namespace && namespace.stemmer;
    if (typeof stemmer !== "function" || originals.has(namespace)) return;
    originals.set(namespace, stemmer);
    var both = function (token, i, tokens) {
      var word = token.clone();
      var stem = stemmer(token, i, tokens);
      return stem && stem.toString() !== word.toString() ? [word, stem] : word;
    };
    self.lunr.Pipeline.registerFunction(both, "diptych-" + stemmer.label);
    namespace.stemmer = both;
  }

  function namespaces(langs) {
    return langs.map(function (lang) {
      return lang === "en" ? self.lunr : self.lunr[lang];
    });
  }

  function stemmed(query) {
    return query.replace(WORD, function (word) {
      return stemmers.reduce(function (text, stem) {
        return stem(new self.lunr.Token(text)).toString();
      }, word.toLowerCase());
    });
  }

  var langs = [];
  /* Patch the stemmers of the index's languages that lunr has loaded so far. */
  function prepare() {
    namespaces(langs).forEach(keepWords);
    stemmers = namespaces(langs).map(function (namespace) {
      return originals.get(namespace);
    }).filter(Boolean);
  }

  var load = self.importScripts.bind(self);
  /* Material loads the index's languages (lunr-languages) when it is set up. */
  self.importScripts = function () {
    load.apply(null, arguments);
    if (self.lunr) prepare();
  };

  var listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen(type, listener, options);
    return listen(type, function (event) {
      var message = event.data;
      if (message && message.type === 0) {
        langs = message.data.config.lang;
        prepare(); /* English is part of lunr itself, the others load later */
      } else if (message && message.type === 2 && typeof message.data === "string") {
        message = { type: 2, data: stemmed(message.data) };
      }
      return listener({ data: message });
    }, options);
  };

  load(material);
})();
