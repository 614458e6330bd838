import Foundation
import RecApp
import RecCore

// The `peers` step: every side-by-side comparison in one run, then one table.
//
// Each comparison runs RecLens and the peer on the same exported split (or the same model and
// sequence), one after the other in this process's run, so both see the same machine load; the
// table gives RecLens's time over the peer's (below 1: RecLens is faster) and both quality figures.
// The peers inherit this process's environment, OPENBLAS_CORETYPE included (set by
// `BLASCoreSelection` when the system OpenBLAS would run Prescott kernels); numpy's and torch's
// own BLAS builds detect the CPU themselves. Thread settings are documented in each script.

func runPeersBenchmark(dataPath: String, interactions: Int, python: String?, pythonTorch: String?, pythonSurprise: String?,
                       scratch: URL, repeats: Int, csvPath: String) throws {
    guard let python else {
        FileHandle.standardError.write(Data("peers: pass --python PATH (a virtualenv with implicit, shap, lime; see README)\n".utf8))
        exit(2)
    }
    let start = loadAverage()
    print("peers    load average at start: \(start); OpenBLAS core \(BLAS.coreName), OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")")
    // PEERS_ONLY=als,mf,gru4rec,timeshap,explainers runs a subset (default: all).
    let only = ProcessInfo.processInfo.environment["PEERS_ONLY"].map { Set($0.split(separator: ",").map(String.init)) }
    func wanted(_ part: String) -> Bool { only?.contains(part) ?? true }
    if wanted("als") { try runALSBenchmark(dataPath: dataPath, interactions: interactions, python: python, scratch: scratch) }
    if wanted("mf") { try runMFBenchmark(dataPath: dataPath, python: pythonSurprise, scratch: scratch) }
    if wanted("gru4rec") { try runGRU4RecBenchmark(dataPath: dataPath, interactions: interactions, python: pythonTorch, scratch: scratch, peersOnly: true) }
    if wanted("timeshap") { try runTimeSHAPBenchmark(dataPath: dataPath, python: pythonTorch, scratch: scratch, repeats: repeats, peersOnly: true) }
    if wanted("explainers") { try runExplainersBenchmark(dataPath: dataPath, python: python, scratch: scratch) }
    let end = loadAverage()
    print("\npeers    RecLens time / peer time (below 1: RecLens faster); load average at start \(start), at end \(end)\n")
    print(PeerTable.shared.markdown())
    let csv = "# load average at start \(start), at end \(end); OpenBLAS core \(BLAS.coreName)\n" + PeerTable.shared.csv()
    try Data(csv.utf8).write(to: URL(fileURLWithPath: csvPath))
    print("peers    wrote \(csvPath)")
}

/// The 1, 5 and 15-minute load averages (`/proc/loadavg`), or "?" off Linux.
func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
