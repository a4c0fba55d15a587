// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "escdesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "escdesk", targets: ["escdesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Pure values and decisions: no I/O, no clock reads, no globals.
        .target(name: "EscalationCore"),
        // Config/*.yaml → validated core values, with file:line:col errors.
        .target(
            name: "EscalationConfig",
            dependencies: ["EscalationCore", .product(name: "Yams", package: "Yams")]
        ),
        // GRDB/SQLite: event log + hash chain, projections, PII vault.
        .target(
            name: "EscalationStore",
            dependencies: [
                "EscalationCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The system ncursesw library, wrapped so Swift 6 can use it.
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        // Screens, widgets, key bindings and the app loop.
        .target(name: "DeskUI", dependencies: ["EscalationCore", "CNcurses"]),
        // The desk's service over the store: what the screens ask, answered from the database.
        .target(name: "StoreDesk", dependencies: ["EscalationCore", "EscalationConfig", "EscalationStore", "DeskUI"]),
        .executableTarget(
            name: "escdesk",
            dependencies: [
                "EscalationCore", "EscalationConfig", "EscalationStore", "DeskUI", "StoreDesk",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "escdesk-bench",
            dependencies: ["EscalationCore", "EscalationConfig", "EscalationStore", "DeskUI", "StoreDesk"],
            path: "Benchmarks/EscdeskBench"
        ),
        .testTarget(
            name: "EscalationCoreTests",
            dependencies: ["EscalationCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        // Shared by the test targets only: temporary folders removed when a test run ends.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // The desk's in-memory service for screen tests, built on the core's rules.
        .target(name: "DeskTestSupport", dependencies: ["DeskUI", "EscalationCore", "EscalationConfig",
                                                     .product(name: "Crypto", package: "swift-crypto")],
                path: "Tests/DeskTestSupport"),
        .testTarget(
            name: "EscalationConfigTests",
            dependencies: ["EscalationConfig", "EscalationCore", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "EscalationStoreTests",
            dependencies: ["EscalationStore", "EscalationCore", "EscalationConfig", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PropertyBased", package: "swift-property-based"), "TestSupport"]
        ),
        .testTarget(name: "DeskUITests", dependencies: ["DeskUI", "EscalationCore", "DeskTestSupport"]),
        .testTarget(name: "EscdeskCLITests", dependencies: ["escdesk", "StoreDesk", "EscalationStore", "DeskUI", "TestSupport"],
                    resources: [.copy("Databases")]),
    ],
    swiftLanguageModes: [.v6]
)
