import Brokerage
import NuanqiCore
import Testing

@Suite struct TradeRulesTests {
    static func yuan(_ text: String) -> Money { try! Money(yuanText: Array(text.utf8)) }
    static func tonnes(_ text: String) -> Tonnage { try! Tonnage(tonnesText: Array(text.utf8)) }

    static func market(options: BrokerageOptions = BrokerageOptions(), links: [Link]? = nil) -> BrokerageInstance {
        BrokerageInstance(
            pollutants: [Pollutant(id: "NH3-N", medium: .water), Pollutant(id: "NOx", medium: .air)],
            regions: [Region(id: "ningbo", city: "宁波", watershed: "甬江"),
                      Region(id: "dinghai", city: "舟山", watershed: "舟山近岸", nonAttainment: ["NOx"]),
                      Region(id: "daishan", city: "舟山", watershed: "舟山近岸"),
                      Region(id: "putuo", city: "舟山", watershed: "舟山近岸"),
                      Region(id: "hangzhou", city: "杭州", watershed: "钱塘江")],
            watershedGroups: [["甬江", "舟山近岸"]],
            links: links ?? [Link(from: "ningbo", to: "dinghai", pollutants: ["NH3-N"], ratio: SubstitutionRatio(tenThousandths: 12_000), feePerTonne: yuan("500"))],
            sellers: [], buyers: [], options: options, file: "market.json")
    }

    static func terms(_ rules: TradeRules, from region: String, to buyerRegion: String, pollutant: String = "NH3-N",
                      sellerSector: Sector = .industry, buyerSector: Sector = .industry, kind: SellerKind = .enterprise,
                      ask: String = "30000", cap: String? = nil) -> Result<TradeTerms, TradeRefusal> {
        let offer = Offer(pollutant: pollutant, tonnage: tonnes("10"), ask: yuan(ask))
        let demand = Demand(pollutant: pollutant, tonnage: tonnes("7.413"), maxPrice: cap.map(yuan))
        return rules.terms(seller: Seller(id: "S", region: region, kind: kind, sector: sellerSector, offers: [offer]), offer: offer,
                           buyer: Buyer(id: "B", region: buyerRegion, sector: buyerSector, demands: [demand]), demand: demand)
    }

    @Test func scopeFollowsDesignOrder() throws {
        let rules = try TradeRules(Self.market())
        #expect(try Self.terms(rules, from: "dinghai", to: "dinghai").get().scope == .sameRegion)
        let linked = try Self.terms(rules, from: "ningbo", to: "dinghai").get()
        #expect(linked.scope == .link && linked.ratio.tenThousandths == 12_000 && linked.effectivePrice == Self.yuan("36500"))
        #expect(try Self.terms(rules, from: "daishan", to: "dinghai").get().scope == .watershed)
        #expect(try Self.terms(rules, from: "ningbo", to: "daishan").get().scope == .watershed)
        #expect(try Self.terms(rules, from: "putuo", to: "daishan", pollutant: "NOx").get().scope == .city)
        #expect(Self.terms(rules, from: "hangzhou", to: "dinghai") == .failure(.outOfScope(sellerRegion: "hangzhou", buyerRegion: "dinghai", pollutant: "NH3-N")))
        #expect(Self.terms(rules, from: "ningbo", to: "daishan", pollutant: "NOx") == .failure(.outOfScope(sellerRegion: "ningbo", buyerRegion: "daishan", pollutant: "NOx")))
        var narrow = BrokerageOptions()
        narrow.sameWatershedTrades = false
        narrow.sameCityAirTrades = false
        let strict = try TradeRules(Self.market(options: narrow))
        if case .success = Self.terms(strict, from: "daishan", to: "dinghai") { Issue.record("watershed trade allowed with the rule off") }
        if case .success = Self.terms(strict, from: "putuo", to: "daishan", pollutant: "NOx") { Issue.record("city trade allowed with the rule off") }
    }

    @Test func nonAttainmentBlocksImportsOnly() throws {
        let rules = try TradeRules(Self.market())
        #expect(Self.terms(rules, from: "daishan", to: "dinghai", pollutant: "NOx") == .failure(.nonAttainment(region: "dinghai", pollutant: "NOx")))
        #expect(try Self.terms(rules, from: "dinghai", to: "dinghai", pollutant: "NOx").get().scope == .sameRegion)
    }

    @Test func sectorRulesAndReserves() throws {
        let rules = try TradeRules(Self.market())
        #expect(Self.terms(rules, from: "putuo", to: "daishan", pollutant: "NOx", sellerSector: .thermalPower) == .failure(.thermalPowerOnly))
        #expect(try Self.terms(rules, from: "putuo", to: "daishan", pollutant: "NOx", sellerSector: .thermalPower, buyerSector: .thermalPower).get().scope == .city)
        #expect(try Self.terms(rules, from: "putuo", to: "daishan", pollutant: "NH3-N", sellerSector: .thermalPower).get().scope == .watershed)
        #expect(Self.terms(rules, from: "putuo", to: "daishan", sellerSector: .agriculture) == .failure(.agricultureWithIndustry))
        #expect(Self.terms(rules, from: "putuo", to: "daishan", buyerSector: .agriculture) == .failure(.agricultureWithIndustry))
        #expect(try Self.terms(rules, from: "putuo", to: "daishan", sellerSector: .agriculture, kind: .reserve).get().scope == .watershed)
        var off = BrokerageOptions()
        off.sectorRules = false
        #expect(try Self.terms(TradeRules(Self.market(options: off)), from: "putuo", to: "daishan", pollutant: "NOx", sellerSector: .thermalPower).get().scope == .city)
    }

    @Test func priceCapIsExact() throws {
        let rules = try TradeRules(Self.market())
        #expect(try Self.terms(rules, from: "ningbo", to: "dinghai", cap: "36500").get().effectivePrice == Self.yuan("36500"))
        #expect(Self.terms(rules, from: "ningbo", to: "dinghai", cap: "36499.99") == .failure(.priceCap(effective: Self.yuan("36500"), cap: Self.yuan("36499.99"))))
        // 1.0001 × 0.15 yuan = 0.150015: above a cap of 0.15 although it rounds to 0.15.
        let fine = try TradeRules(Self.market(links: [Link(from: "hangzhou", to: "dinghai", pollutants: ["NH3-N"], ratio: SubstitutionRatio(tenThousandths: 10_001))]))
        #expect(Self.terms(fine, from: "hangzhou", to: "dinghai", ask: "0.15", cap: "0.15") == .failure(.priceCap(effective: Self.yuan("0.15"), cap: Self.yuan("0.15"))))
    }

    @Test func validationNamesTheRecord() {
        var twice = Self.market()
        twice.links.append(Link(from: "ningbo", to: "dinghai", pollutants: ["NOx", "NH3-N"], line: 9))
        #expect(throws: InputError.invalidValue(file: "market.json", line: 9, field: "links[1].pollutants", reason: "a link ningbo → dinghai for NH3-N is already approved on line 0")) {
            try TradeRules(twice)
        }
        var groups = Self.market()
        groups.watershedGroups.append(["钱塘江", "甬江"])
        #expect(throws: InputError.self) { try TradeRules(groups) }
        var low = Self.market()
        low.links[0].ratio = SubstitutionRatio(tenThousandths: 9_999)
        #expect(throws: InputError.self) { try TradeRules(low) }
        var unknown = Self.market()
        unknown.sellers = [Seller(id: "S1", region: "wenzhou", offers: [], line: 4)]
        #expect(throws: InputError.invalidValue(file: "market.json", line: 4, field: "sellers[0].region", reason: "unknown region \"wenzhou\"")) {
            try TradeRules(unknown)
        }
        var duplicate = Self.market()
        duplicate.buyers = [Buyer(id: "B1", region: "dinghai", demands: [Demand(pollutant: "NOx", tonnage: Self.tonnes("1"), line: 5),
                                                                         Demand(pollutant: "NOx", tonnage: Self.tonnes("2"), line: 6)])]
        #expect(throws: InputError.self) { try TradeRules(duplicate) }
        var urgent = Self.market()
        urgent.buyers = [Buyer(id: "B1", region: "dinghai", demands: [Demand(pollutant: "NOx", tonnage: Self.tonnes("1"), priority: 0, line: 5)])]
        #expect(throws: InputError.self) { try TradeRules(urgent) }
    }
}
