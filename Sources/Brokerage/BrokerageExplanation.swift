// What planners ask of a brokerage result: why a demand is not (fully) met, and what one more
// tonne would cost.

import NuanqiCore
import Solvers

public enum BrokerageExplanation {
    /// Why demand `index` got less than it asked for, in DESIGN's three kinds: no compatible
    /// seller (and which rule refused how many offers), price cap (the cheapest compatible
    /// effective price), or supply exhausted (who took it).
    public static func unmetReason(_ index: Int, model: BrokerageModel, solution: BrokerageSolution) -> String {
        let reference = model.demands[index]
        let buyer = model.instance.buyers[reference.buyer], demand = buyer.demands[reference.demand]
        let options = model.options.indices.filter { model.options[$0].demand == index }
        if options.isEmpty {
            var refusals: [String: Int] = [:]
            var cheapestCapped: Money? = nil
            for (offerIndex, offerReference) in model.offers.enumerated() where model.offer(offerIndex).pollutant == demand.pollutant {
                let seller = model.instance.sellers[offerReference.seller]
                if case let .failure(refusal) = model.rules.terms(seller: seller, offer: model.offer(offerIndex), buyer: buyer, demand: demand) {
                    if case let .priceCap(effective, _) = refusal {
                        cheapestCapped = min(cheapestCapped ?? effective, effective)
                        refusals["above the price cap", default: 0] += 1
                    } else {
                        refusals[refusal.summary, default: 0] += 1
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
        var takenBy: [String] = []
        let offers = Set(options.map { model.options[$0].offer })
        for trade in solution.trades where offers.contains(model.options[trade.option].offer) && model.options[trade.option].demand != index {
            let other = model.instance.buyers[model.demands[model.options[trade.option].demand].buyer]
            let seller = model.instance.sellers[model.offers[model.options[trade.option].offer].seller]
            takenBy.append("\(other.id) took \(Tonnage(grams: trade.grams)) t from \(seller.id)")
        }
        return "supply exhausted: its \(offers.count) compatible offer\(offers.count == 1 ? "" : "s") went elsewhere or ran out"
            + (takenBy.isEmpty ? "" : " (" + takenBy.prefix(8).joined(separator: "; ") + (takenBy.count > 8 ? "; and \(takenBy.count - 8) more" : "") + ")")
    }

    /// The exact cost of one more tonne for demand `index` (fen per tonne-year, unrounded cost
    /// difference of re-solving with the demand raised by a tonne), or nil when the extra tonne
    /// cannot be met at all. Pure-transportation models only: a re-solve of one flow.
    public static func marginalPrice(_ index: Int, model: BrokerageModel, solution: BrokerageSolution) throws -> Money? {
        guard model.isPureTransportation else { return nil }
        var raised = model.instance
        let reference = model.demands[index]
        raised.buyers[reference.buyer].demands[reference.demand].tonnage.grams += 1_000_000
        let raisedModel = try BrokerageModel(raised)
        let again = try BrokerageSolver.solvePure(raisedModel, using: .native)
        let priority = Int64(model.demand(index).priority)
        guard again.weightedMetGrams >= solution.weightedMetGrams + priority * 1_000_000 else { return nil }
        // The objective is Σ price (fen per tonne) × grams, so its change over a million grams
        // is the price of that tonne.
        return Money(fen: TradeArithmetic.divideRoundingHalfUp(unroundedCost(again, raisedModel) - unroundedCost(solution, model), by: 1_000_000))
    }

    /// Σ (ask × ratio + fee) × grams in fen·grams per tonne (the optimizer's exact objective).
    public static func unroundedCost(_ solution: BrokerageSolution, _ model: BrokerageModel) -> Int64 {
        solution.trades.reduce(0) { $0 + model.options[$1.option].terms.effectivePrice.fen * $1.grams }
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
