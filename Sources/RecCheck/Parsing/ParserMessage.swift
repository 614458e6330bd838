/// One error or warning reported by libxml2 while parsing a file.
struct ParserMessage: Sendable, Equatable {
    /// libxml2's `xmlErrorDomain` (5 is the HTML parser, 1 the XML parser).
    var domain: Int32
    /// libxml2's `xmlParserErrors` code (801 is `XML_HTML_UNKNOWN_TAG`).
    var code: Int32
    /// 1-based line, or 0 when libxml2 gave none.
    var line: Int
    /// The message without its trailing newline.
    var message: String
}
