/// A URL found in a file: in an attribute, in CSS `url(...)` or in `@import`.
struct LinkReference: Sendable, Equatable {
    /// How the referencing file uses the URL.
    enum Role: Sendable, Equatable {
        /// Something the reader follows (`<a href>`, `<area href>`): other websites are fine.
        case navigation
        /// Something the browser loads with the page (`src`, `<link href>`, `<use href>`, CSS
        /// `url()`): it must be inside the site.
        case resource
    }

    /// The URL as written (surrounding whitespace removed).
    var url: String
    /// 1-based line of the element (or CSS text) holding it, 0 when unknown.
    var line: Int
    var role: Role
}
