/// What checking one file on its own yields: its problems, the anchors it defines and the local
/// links still to be resolved against the whole site.
struct FileFacts: Sendable {
    /// Problems found in the file itself (parse errors, external resources, duplicate ids...).
    var problems: [SiteProblem] = []
    /// `id`s and `<a name>`s; nil when the file was not parsed into a document.
    var anchors: Set<String>?
    /// Relative links, checked once every file's anchors are known.
    var links: [LinkReference] = []
}
