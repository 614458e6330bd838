import RecCore

extension BuildSettings {
    /// One `--import kind=FILE.npz` (or `import:` entry), with the fold-in of users the file
    /// has no row for.
    public struct ModelImport: Sendable, Equatable {
        public var kind: String
        public var path: String
        /// Ridge λ of the fold-in solve of a user's factors from their history (factor imports).
        /// Finite and > 0. Default 1.
        public var foldInLambda: Float = 1
        /// Confidence α (c = 1 + α·r) of the fold-in (factor imports). Finite and ≥ 0. Default 1.
        public var foldInAlpha: Float = 1
        /// "<kind>-imported", the name on the leaderboard, on pages and for `--model`.
        public var name: String { "\(kind.lowercased())-imported" }

        public init(kind: String, path: String) {
            self.kind = kind
            self.path = path
        }

        /// Parses "kind=path".
        public init(parsing text: String, source: String) throws {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw DataError(file: source, "expected KIND=FILE.npz (e.g. mf=factors.npz), found '\(text)'")
            }
            self.init(kind: parts[0], path: parts[1])
        }

        /// Checks the fold-in parameters.
        func validateFoldIn(source: String, line: Int = 0) throws {
            guard foldInLambda.isFinite, foldInLambda > 0, foldInAlpha.isFinite, foldInAlpha >= 0 else {
                throw DataError(file: source, line: line, "fold-in of \(name) needs a finite lambda > 0 and a finite alpha ≥ 0, got lambda \(foldInLambda), alpha \(foldInAlpha)")
            }
        }

        /// Applies one `--import-fold-in [KIND:]lambda=L,alpha=A` to `imports`: to the import of
        /// that kind, or to every import without a kind.
        static func applyFoldIn(_ text: String, to imports: inout [ModelImport]) throws {
            let source = "--import-fold-in"
            var kind: String?
            var body = Substring(text)
            if let colon = text.firstIndex(of: ":") {
                kind = text[..<colon].lowercased()
                body = text[text.index(after: colon)...]
            }
            var lambda: Float?, alpha: Float?
            for pair in body.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let value = Float(parts[1]), ["lambda", "alpha"].contains(parts[0].lowercased()) else {
                    throw DataError(file: source, "expected [KIND:]lambda=L,alpha=A (either key may be left out), found '\(text)'")
                }
                if parts[0].lowercased() == "lambda" { lambda = value } else { alpha = value }
            }
            guard lambda != nil || alpha != nil else { throw DataError(file: source, "expected [KIND:]lambda=L,alpha=A, found '\(text)'") }
            let targets = imports.indices.filter { kind == nil || imports[$0].kind.lowercased() == kind }
            guard !targets.isEmpty else {
                let kinds = imports.map { $0.kind.lowercased() }
                throw DataError(file: source, kinds.isEmpty ? "no --import to fold users into" : "no import of kind '\(kind ?? "")'; expected one of \(kinds.joined(separator: ", "))")
            }
            for i in targets {
                if let lambda { imports[i].foldInLambda = lambda }
                if let alpha { imports[i].foldInAlpha = alpha }
                try imports[i].validateFoldIn(source: source)
            }
        }
    }
}

extension BuildSettings.ModelImport {
    /// The `import:` section: `kind: FILE.npz` or `kind: {path: FILE.npz, fold_in: {lambda: L, alpha: A}}`
    /// per entry, sorted by kind.
    static func parse(section: YAMLTree, file: String) throws -> [Self] {
        guard case .mapping(let entries, _) = section else {
            if case .null = section { return [] }
            throw DataError(file: file, line: section.line, "import: expected a mapping of KIND: FILE.npz, found \(section.kindDescription)")
        }
        return try entries.map { entry in
            let context = SettingsField.Context(file: file, path: "import.\(entry.key)")
            switch entry.value {
            case .scalar(let path, _):
                return Self(kind: entry.key, path: path)
            case .mapping(let keys, _):
                let allowed = ["path", "fold_in"]
                for key in keys where !allowed.contains(key.key) {
                    throw DataError(file: file, line: key.line, "import.\(entry.key): unknown key '\(key.key)'; expected one of \(allowed.joined(separator: ", "))")
                }
                guard let path = keys.last(where: { $0.key == "path" }) else {
                    throw DataError(file: file, line: entry.line, "import.\(entry.key): missing path (the .npz file)")
                }
                var result = Self(kind: entry.key, path: try path.value.string(context))
                if let foldIn = keys.last(where: { $0.key == "fold_in" }) { try result.readFoldIn(foldIn.value, file: file) }
                return result
            default:
                throw context.fail(entry.value, "expected FILE.npz or {path: FILE.npz, fold_in: {lambda: L, alpha: A}}, found \(entry.value.kindDescription)")
            }
        }.sorted { $0.kind < $1.kind }
    }

    private mutating func readFoldIn(_ tree: YAMLTree, file: String) throws {
        let path = "import.\(kind).fold_in"
        guard case .mapping(let keys, _) = tree else {
            throw DataError(file: file, line: tree.line, "\(path): expected {lambda: L, alpha: A}, found \(tree.kindDescription)")
        }
        for key in keys {
            let context = SettingsField.Context(file: file, path: "\(path).\(key.key)")
            switch key.key {
            case "lambda": foldInLambda = try key.value.float(min: 0, exclusive: true, context)
            case "alpha": foldInAlpha = try key.value.float(min: 0, exclusive: false, context)
            default: throw DataError(file: file, line: key.line, "\(path): unknown key '\(key.key)'; expected one of lambda, alpha")
            }
        }
    }
}
