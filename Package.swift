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
        .executable(name: "nuanqi", targets: ["nuanqi"]),
    ],
    traits: [
        .trait(name: "GLPK", description: "Link Debian's libglpk (GPL-3.0) for LP/MIP solving; without it only the native kernels run."),
        .default(enabledTraits: ["GLPK"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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
        .target(name: "NuanqiIO", dependencies: ["NuanqiCore", "Matching", "Brokerage"]),
        .executableTarget(
            name: "nuanqi",
            dependencies: [
                "NuanqiCore", "Solvers", "Matching", "Brokerage", "NuanqiIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["NuanqiCore", "Solvers", "Matching", "Brokerage"], path: "Tests/TestSupport"),
        .testTarget(name: "NuanqiCoreTests", dependencies: ["NuanqiCore", "TestSupport"]),
        .testTarget(name: "SolversTests", dependencies: ["Solvers", "NuanqiCore", "TestSupport"]),
        .testTarget(name: "NuanqiIOTests", dependencies: ["NuanqiIO", "NuanqiCore", "Matching", "Solvers", "TestSupport"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "NuanqiCore", "Solvers", "TestSupport"]),
        .testTarget(name: "BrokerageTests", dependencies: ["Brokerage", "NuanqiCore", "Solvers", "TestSupport"]),
        .testTarget(name: "NuanqiCLITests", dependencies: ["nuanqi", "Solvers"], exclude: ["BadInput", "BadMatch", "BadBroker"]),
    ]
)
