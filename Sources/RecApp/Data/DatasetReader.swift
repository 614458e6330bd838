import Foundation
import RecCore

/// Reads datasets from disk: finds the files, reads their bytes and hands them to the parsers.
public enum DatasetReader {
    /// Reads the dataset at `path` (a folder or a single file).
    ///
    /// With `format == nil` the format is detected: a folder with `u.data` is MovieLens 100K,
    /// with `ratings.dat` MovieLens 1M, with `ratings.csv` and `movies.csv` MovieLens latest; a
    /// single `.csv`/`.tsv` file (or a folder holding only `ratings.csv`) is a generic CSV. A
    /// file named `u.data` or `ratings.dat` stands for its folder.
    /// - Throws: `DataError` for a missing path or file, an undetectable format, or bad content.
    public static func read(path: String, format: DatasetFormat?, csv: CSVOptions = .init()) throws -> Dataset {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw DataError(file: path, "no such file or folder")
        }
        let url = URL(fileURLWithPath: path)
        let fileName = url.lastPathComponent
        let folder = isFolder.boolValue ? url : url.deletingLastPathComponent()
        let resolved = try format ?? detect(folder: folder, file: isFolder.boolValue ? nil : fileName)
        let name = (isFolder.boolValue ? url : (["u.data", "ratings.dat"].contains(fileName) ? folder : url.deletingPathExtension())).lastPathComponent
        func file(_ name: String) throws -> SourceFile { try load(folder.appendingPathComponent(name)) }
        func optional(_ name: String) throws -> SourceFile? {
            let url = folder.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: url.path) ? try load(url) : nil
        }
        switch resolved {
        case .movieLens100k:
            return try MovieLens100kParser.parse(
                ratings: file("u.data"), items: optional("u.item"), users: optional("u.user"), genres: optional("u.genre"),
                name: name)
        case .movieLens1m:
            return try MovieLens1mParser.parse(
                ratings: file("ratings.dat"), movies: optional("movies.dat"), users: optional("users.dat"), name: name)
        case .movieLensLatest:
            return try MovieLensLatestParser.parse(ratings: file("ratings.csv"), movies: optional("movies.csv"), name: name)
        case .csv:
            let ratings = isFolder.boolValue ? folder.appendingPathComponent("ratings.csv") : url
            let items = try csv.itemsFile.map { try load(URL(fileURLWithPath: $0, relativeTo: folder)) }
            return try CSVParser.parse(ratings: load(ratings), items: items, options: csv, name: name)
        case .synthetic:
            throw DataError(file: path, "the synthetic dataset is generated, not read; use the synthetic generator")
        }
    }

    /// The format of the folder's files, or a `DataError` saying what was looked for.
    static func detect(folder: URL, file: String?) throws -> DatasetFormat {
        if let file {
            switch file {
            case "u.data": return .movieLens100k
            case "ratings.dat": return .movieLens1m
            default:
                let ext = (file as NSString).pathExtension.lowercased()
                if ext == "csv" || ext == "tsv" { return .csv }
                throw DataError(
                    file: folder.appendingPathComponent(file).path,
                    "cannot tell the dataset format from the file name; expected a .csv or .tsv file, u.data or ratings.dat (or pass a format)")
            }
        }
        let has = { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        if has("u.data") { return .movieLens100k }
        if has("ratings.dat") { return .movieLens1m }
        if has("ratings.csv") { return has("movies.csv") ? .movieLensLatest : .csv }
        throw DataError(file: folder.path, "no u.data, ratings.dat or ratings.csv found; cannot tell the dataset format")
    }

    /// The bytes of a file, or a `DataError` naming it.
    static func load(_ url: URL) throws -> SourceFile {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DataError(file: url.path, "file not found")
        }
        do {
            return SourceFile(name: url.path, bytes: [UInt8](try Data(contentsOf: url)))
        } catch {
            throw DataError(file: url.path, "cannot read the file: \(error.localizedDescription)")
        }
    }
}
