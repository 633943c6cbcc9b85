// What planners ask of a brokerage result: why a demand is not (fully) met, and what one more
// tonne would cost.

import NuanqiCore
import Solvers

public enum BrokerageExplanation {
    /// Why demands got less than they asked for, in DESIGN's three kinds: no compatible seller
    /// (and which rule refused how many offers), price cap (the cheapest compatible effective
    /// price), or supply exhausted (who took it). Rules are judged per ladder, not per offer,
    /// so explaining every unmet demand of a province market stays cheap.
    public struct UnmetReasons: Sendable {
        let model: BrokerageModel
        let solution: BrokerageSolution
        let tradesOfOffer: [[Int]]

        public init(model: BrokerageModel, solution: BrokerageSolution) {
            self.model = model
            self.solution = solution
            tradesOfOffer = BrokerageSolver.groups(solution.trades, count: model.offers.count, by: \.offer)
        }

        public func reason(_ index: Int) -> String {
            let reference = model.demands[index]
            let buyer = model.instance.buyers[reference.buyer], demand = buyer.demands[reference.demand]
            let exits = model.exitsOfDemand[index]
            if exits.isEmpty {
                let pollutant = model.rules.pollutantIndex[demand.pollutant]!, buyerRegion = model.rules.regionIndex[buyer.region]!
                let medium = model.instance.pollutants[pollutant].medium
                var refusals: [String: Int] = [:]
                var cheapestCapped: Money? = nil
                for ladder in model.ladders where ladder.pollutant == pollutant {
                    switch model.rules.route(from: ladder.region, to: buyerRegion, pollutant: pollutant) {
                    case let .failure(refusal):
                        refusals[refusal.summary, default: 0] += ladder.offers.count
                    case let .success(route):
                        if let refusal = model.rules.sectorRefusal(seller: ladder.sellerClass, buyer: buyer.sector, medium: medium) {
                            refusals[refusal.summary, default: 0] += ladder.offers.count
                        } else {
                            // No exit, so the cap refuses even the cheapest rung.
                            let effective = TradeArithmetic.perTonneYear(ask: Money(fen: ladder.asks[0]), ratio: route.ratio, fee: route.fee)
                            cheapestCapped = min(cheapestCapped ?? effective, effective)
                            refusals[TradeRefusal.priceCap(effective: effective, cap: effective).summary, default: 0] += ladder.offers.count
                        }
                    }
                }
                if refusals.isEmpty { return "no compatible seller: nobody offers \(demand.pollutant)" }
                if let cheapestCapped, refusals.count == 1 {
                    return "price cap: the cheapest compatible offer costs \(cheapestCapped) yuan per tonne-year, above the cap \(demand.maxPrice!)"
                }
                let listed = refusals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) \($0.key)" }
                return "no compatible seller: " + listed.joined(separator: "; ")
            }
            let offers = exits.flatMap { model.ladders[$0.ladder].offers.prefix($0.rungs) }
            let elsewhere = offers.flatMap { tradesOfOffer[$0] }.filter { solution.trades[$0].demand != index }.sorted()
            let takenBy = elsewhere.prefix(8).map { position -> String in
                let trade = solution.trades[position]
                let other = model.instance.buyers[model.demands[trade.demand].buyer]
                let seller = model.instance.sellers[model.offers[trade.offer].seller]
                return "\(other.id) took \(Tonnage(grams: trade.grams)) t from \(seller.id)"
            }
            return "supply exhausted: its \(offers.count) compatible offer\(offers.count == 1 ? "" : "s") went elsewhere or ran out"
                + (takenBy.isEmpty ? "" : " (" + takenBy.joined(separator: "; ") + (elsewhere.count > 8 ? "; and \(elsewhere.count - 8) more" : "") + ")")
        }
    }

    /// The price of one more tonne for a demand, read as the market's marginal cost.
    public struct MarginalPrice: Sendable, Equatable {
        /// Cost of one more tonne, fen per tonne-year (nil: a whole extra tonne cannot be had).
        public var perTonne: Money?
        /// Saving from one tonne less, when the demand has a tonne to give; a price is
        /// degenerate (not unique) when the two differ.
        public var perTonneLess: Money?
        /// The sellers whose grams move when the demand grows by the tonne.
        public var from: [String]
        /// The extra tonne is only had by taking it from lower-priority buyers.
        public var displaces: Bool

        public var isDegenerate: Bool { perTonneLess != nil && perTonneLess != perTonne }
    }

    /// Marginal prices by exact re-solve — the LP dual's meaning without its ambiguity: the
    /// demand is raised (and lowered) by one tonne, the market solved again by the same path,
    /// and the change of the optimizer's cost over the whole market is the price. A tonne the
    /// demand cannot fully gain has no price; one it gains only by displacing lower-priority
    /// buyers is marked so; left and right prices that disagree mark a degenerate price.
    public static func marginalPrice(_ index: Int, model: BrokerageModel, solution: BrokerageSolution,
                                     using choice: SolverChoice) throws -> MarginalPrice {
        let reference = model.demands[index]
        func shifted(by grams: Int64) throws -> (BrokerageModel, BrokerageSolution) {
            var market = model.instance
            market.buyers[reference.buyer].demands[reference.demand].tonnage.grams += grams
            let shiftedModel = try BrokerageModel(market)
            return (shiftedModel, try BrokerageSolver.solve(shiftedModel, using: choice, glpkOptions: GLPK.Options(timeLimit: BrokerageSolver.priceTimeLimit)))
        }
        func received(_ solution: BrokerageSolution, _ model: BrokerageModel) -> Int64 {
            solution.trades.filter { $0.demand == index }.reduce(0) { $0 + $1.grams }
        }
        let baseCost = unroundedCost(solution, model), baseReceived = received(solution, model)
        let priority = Int64(model.demand(index).priority)
        var result = MarginalPrice(perTonne: nil, perTonneLess: nil, from: [], displaces: false)
        let (upModel, up) = try shifted(by: 1_000_000)
        if received(up, upModel) == baseReceived + 1_000_000 {
            result.perTonne = Money(fen: TradeArithmetic.divideRoundingHalfUp(unroundedCost(up, upModel) - baseCost, by: 1_000_000))
            result.from = changedSellers(solution, model, up, upModel)
            result.displaces = up.weightedMetGrams < solution.weightedMetGrams + priority * 1_000_000
        }
        if model.demand(index).tonnage.grams >= 1_000_000 {
            let (downModel, down) = try shifted(by: -1_000_000)
            if received(down, downModel) == baseReceived - 1_000_000 {
                result.perTonneLess = Money(fen: TradeArithmetic.divideRoundingHalfUp(baseCost - unroundedCost(down, downModel), by: 1_000_000))
            }
        }
        return result
    }

    /// The price of one tonne of `pollutant` for a new buyer in `region` (sector "other", no
    /// cap, priority 1, so it competes for free supply without displacing anyone): the change
    /// of the market's optimal cost when that tonne is added, or nil when no free supply can
    /// reach the region.
    public static func regionPrice(region: String, pollutant: String, model: BrokerageModel, solution: BrokerageSolution,
                                   using choice: SolverChoice) throws -> Money? {
        var market = model.instance
        let probe = Buyer(id: "\u{1F}probe", region: region, sector: .other,
                          demands: [Demand(pollutant: pollutant, tonnage: Tonnage(grams: 1_000_000))])
        market.buyers.append(probe)
        let probeModel = try BrokerageModel(market)
        let probed = try BrokerageSolver.solve(probeModel, using: choice, glpkOptions: GLPK.Options(timeLimit: BrokerageSolver.priceTimeLimit))
        let probeDemand = probeModel.demands.count - 1
        let received = probed.trades.filter { $0.demand == probeDemand }.reduce(Int64(0)) { $0 + $1.grams }
        guard received == 1_000_000, probed.weightedMetGrams == solution.weightedMetGrams + 1_000_000 else { return nil }
        return Money(fen: TradeArithmetic.divideRoundingHalfUp(unroundedCost(probed, probeModel) - unroundedCost(solution, model), by: 1_000_000))
    }

    /// Sellers whose total grams differ between two solutions.
    static func changedSellers(_ a: BrokerageSolution, _ modelA: BrokerageModel, _ b: BrokerageSolution, _ modelB: BrokerageModel) -> [String] {
        func totals(_ solution: BrokerageSolution, _ model: BrokerageModel) -> [String: Int64] {
            var result: [String: Int64] = [:]
            for trade in solution.trades {
                result[model.instance.sellers[model.offers[trade.offer].seller].id, default: 0] += trade.grams
            }
            return result
        }
        let before = totals(a, modelA), after = totals(b, modelB)
        return Set(before.keys).union(after.keys).filter { before[$0, default: 0] != after[$0, default: 0] }.sorted()
    }

    /// Σ (ask × ratio + fee) × grams in fen·grams per tonne (the optimizer's objective; the
    /// effective price is rounded to the fen, so with ratios this is exact to half a fen per tonne).
    public static func unroundedCost(_ solution: BrokerageSolution, _ model: BrokerageModel) -> Int64 {
        solution.trades.reduce(0) { $0 + $1.terms.effectivePrice.fen * $1.grams }
    }
}

extension TradeRefusal {
    /// The refusal without entity-specific numbers, for counting.
    var summary: String {
        switch self {
        case .outOfScope: "out of scope (no link, shared watershed or city)"
        case .nonAttainment: "blocked: the region misses its quality target"
        case .thermalPowerOnly: "thermal power only"
        case .agricultureWithIndustry: "agriculture and industry do not trade"
        case .priceCap: "above the price cap"
        }
    }
}
