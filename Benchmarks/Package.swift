// swift-tools-version:6.1
// Benchmarks for Nuanqi's kernels (ordo-one/benchmark). A separate package so that building or
// testing the root never builds the benchmark harness.
//   cd Benchmarks && swift package benchmark --no-progress
import PackageDescription

let package = Package(
    name: "NuanqiBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Nuanqi", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: ["DenseAssignment", "MinCostFlow", "DeferredAcceptance", "GLPKModels", "MatchingEndToEnd", "BrokerageEndToEnd", "InputParsing", "WhatIfSweeps"].map(benchmarkTarget)
        + [.target(name: "BenchmarkSupport", dependencies: [.product(name: "Benchmark", package: "benchmark")], path: "Support")]
)

/// One executable per subject, in Benchmarks/<subject>/, run by the benchmark plugin.
func benchmarkTarget(_ subject: String) -> Target {
    .executableTarget(
        name: subject,
        dependencies: [
            .product(name: "Benchmark", package: "benchmark"),
            "BenchmarkSupport",
            .product(name: "Solvers", package: "Nuanqi"),
            .product(name: "NuanqiCore", package: "Nuanqi"),
            .product(name: "Matching", package: "Nuanqi"),
            .product(name: "Brokerage", package: "Nuanqi"),
            .product(name: "NuanqiIO", package: "Nuanqi"),
            .product(name: "Scenarios", package: "Nuanqi"),
        ],
        path: "Benchmarks/\(subject)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}
