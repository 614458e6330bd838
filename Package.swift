// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "RecLens",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "reclens", targets: ["reclens"]),
        .executable(name: "reclens-bench", targets: ["reclens-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // Hot loops in C: -O2 in every configuration (debug tests run them at full speed),
        // cloned per x86-64 vector extension inside the source (see include/rec_kernels.h).
        .target(name: "_RecKernels", cSettings: [.unsafeFlags(["-O2", "-fno-math-errno"])]),
        .target(name: "RecCore", dependencies: ["CBLAS", "_RecKernels"]),
        .target(
            name: "RecRender",
            dependencies: ["RecCore"]
        ),
        .target(name: "RecCheck", dependencies: ["CLibXML2"]),
        .target(
            name: "RecApp",
            dependencies: [
                "RecCore", "RecRender", "RecCheck",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(name: "reclens", dependencies: ["RecApp"]),
        .executableTarget(name: "reclens-bench", dependencies: ["RecApp", "RecCore", "RecRender"]),
        .target(name: "RecTestSupport", dependencies: ["RecCore"], path: "Sources/RecTestSupport"),
        .testTarget(name: "RecCoreTests", dependencies: ["RecCore", "RecTestSupport"]),
        .testTarget(name: "RecRenderTests", dependencies: ["RecRender", "RecTestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "RecCheckTests", dependencies: ["RecCheck", "RecTestSupport"]),
        .testTarget(name: "RecAppTests", dependencies: ["RecApp", "RecCheck", "RecTestSupport"]),
    ]
)
