/// A relative URL found in a file (attribute, CSS `url(...)` or `@import`), to be resolved once
/// every file's anchors are known.
struct LinkReference: Sendable, Equatable {
    /// How the referencing file uses a URL.
    enum Role: Sendable, Equatable {
        /// Something the reader follows (`<a href>`, `<area href>`): other websites are fine.
        case navigation
        /// Something the browser loads with the page (`src`, `<link href>`, `<use href>`, CSS
        /// `url()`): it must be inside the site.
        case resource
    }

    /// The URL as written (surrounding whitespace removed), for messages.
    var url: String
    /// 1-based line of the element (or CSS text) holding it, 0 when unknown.
    var line: Int
    /// Percent-decoded path without query; "" for the same document.
    var path: String
    /// Percent-decoded fragment, nil when the URL has no `#`.
    var fragment: String?
}
