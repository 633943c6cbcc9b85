// swift-tools-version:6.1
// Nuanqi: exact optimization core for cadre dispatch (暖企专员) and pollution-permit brokering.
import PackageDescription

let package = Package(
    name: "Nuanqi",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "NuanqiCore", targets: ["NuanqiCore"]),
        .library(name: "Solvers", targets: ["Solvers"]),
        .library(name: "Matching", targets: ["Matching"]),
        .library(name: "Brokerage", targets: ["Brokerage"]),
        .library(name: "NuanqiIO", targets: ["NuanqiIO"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .executable(name: "nuanqi", targets: ["nuanqi"]),
    ],
    traits: [
        .trait(name: "GLPK", description: "Link Debian's libglpk (GPL-3.0) for LP/MIP solving; without it only the native kernels run."),
        .default(enabledTraits: ["GLPK"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // Only Solvers imports this module (see Sources/CGLPK/shim.h for the guarded entry points).
        .systemLibrary(
            name: "CGLPK",
            path: "Sources/CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        .target(name: "NuanqiCore"),
        .target(
            name: "Solvers",
            dependencies: [
                "NuanqiCore",
                .target(name: "CGLPK", condition: .when(traits: ["GLPK"])),
            ]
        ),
        .target(name: "Matching", dependencies: ["NuanqiCore", "Solvers"]),
        .target(name: "Brokerage", dependencies: ["NuanqiCore", "Solvers"]),
        .target(name: "NuanqiIO", dependencies: ["NuanqiCore", "Matching", "Brokerage", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "Scenarios",
            dependencies: ["NuanqiCore", "Solvers", "Matching", "Brokerage", "NuanqiIO", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "nuanqi",
            dependencies: [
                "NuanqiCore", "Solvers", "Matching", "Brokerage", "NuanqiIO", "Scenarios",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["NuanqiCore", "Solvers", "Matching", "Brokerage"], path: "Tests/TestSupport"),
        .testTarget(name: "NuanqiCoreTests", dependencies: ["NuanqiCore", "TestSupport"]),
        .testTarget(name: "SolversTests", dependencies: ["Solvers", "NuanqiCore", "TestSupport"]),
        .testTarget(name: "NuanqiIOTests", dependencies: ["NuanqiIO", "NuanqiCore", "Matching", "Solvers", "TestSupport"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "NuanqiCore", "Solvers", "TestSupport"]),
        .testTarget(name: "BrokerageTests", dependencies: ["Brokerage", "NuanqiCore", "Solvers", "TestSupport"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "NuanqiIO", "Matching", "Brokerage", "NuanqiCore", "TestSupport"]),
        .testTarget(name: "NuanqiCLITests", dependencies: ["nuanqi", "Solvers", "NuanqiCore"], exclude: ["BadInput", "BadMatch", "BadBroker", "Rounds"]),
    ]
)
