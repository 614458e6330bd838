import RecCore
import RecTestSupport
import Testing

/// The attribution network: gradients of the masked sub-networks, the input restriction of every
/// subset, the planted-truth recovery of its attributions, determinism and its explainers.
@Suite struct AttributionNetTests {
    /// 3 users × 4 items, content 2 + 1 features, E = 2, widths [3, 2].
    static let inputs = AttributionInputs(
        userWidth: 2, itemWidth: 1, userContent: [1, 0, 0, 1, 1, 1], itemContent: [0.5, -1, 2, 0])
    static func architecture(_ kind: AttributionNet.Kind = .interpretable) -> AttributionArchitecture {
        AttributionArchitecture(
            subsets: kind == .interpretable ? AttributionArchitecture.attributionSubsets(groups: inputs.groups) : AttributionArchitecture.fullSubset(groups: inputs.groups),
            widths: [3, 2], contentWidth: 3, embeddingSize: 2, users: 3, items: 4)
    }
    static let users = [0, 1, 2, 0, 2], items = [0, 1, 2, 3, 3]
    static let labels: [Double] = [1, 0, 1, 0, 1]

    static func parameters(seed: UInt64 = 5) -> AttributionNetParameters<Double> {
        var rng = SplitMix64(seed: seed)
        var p = AttributionNetParameters<Double>(architecture: architecture(), embeddingScale: 0.7, rng: &rng)
        // Non-zero biases so that no ReLU sits exactly at its kink.
        for k in p.blocks.indices.dropFirst(2) where k % 2 == 1 { p.blocks[k] = GradientCheck.values(p.blocks[k].count, seed: UInt64(k), scale: 0.3) }
        return p
    }

    @Test func subsetsAreThePapersAndDropAMissingContentGroup() {
        let a = Self.architecture()
        #expect(a.subsets.map(AttributionNet.subsetName) == ["content", "content + user", "content + item", "content + user + item"])
        #expect(a.strictSubsets(of: 3) == [0, 1, 2])
        #expect(a.strictSubsets(of: 1) == [0])
        let noContent = AttributionInputs(userWidth: 0, itemWidth: 0, userContent: [], itemContent: [])
        #expect(AttributionArchitecture.attributionSubsets(groups: noContent.groups).map(AttributionNet.subsetName) == ["user", "item", "user + item"])
    }

    /// ∂(M-step loss)/∂θ of `backward` against central differences of the forward pass with the
    /// children's outputs and the E-step masks held at θ₀ (the stop-gradients made explicit).
    @Test func gradientsMatchFiniteDifferencesWithStoppedChildren() {
        let a = Self.architecture()
        let p0 = Self.parameters()
        let f0 = AttributionNetwork.forward(p0, inputs: Self.inputs, users: Self.users, items: Self.items)
        let (_, dHeads) = AttributionMixture.mStep(f0, labels: Self.labels, architecture: a, rule: .absolute)
        var analytic = AttributionNetParameters<Double>(architecture: a)
        AttributionNetwork.backward(p0, users: Self.users, items: Self.items, activations: f0, dHeads: dHeads, gradient: &analytic)
        func loss(_ p: AttributionNetParameters<Double>) -> Double {
            let f = AttributionNetwork.forward(p, inputs: Self.inputs, users: Self.users, items: Self.items, frozen: f0)
            return AttributionMixture.mStep(f, labels: Self.labels, architecture: a, rule: .absolute, maskHeads: f0).loss
        }
        let fields = p0.blocks.indices.map { \AttributionNetParameters<Double>.blocks[$0] }
        let error = GradientCheck.maxRelativeError(at: p0, fields: fields, analytic: analytic, h: 1e-6, loss: loss)
        #expect(error < 1e-6, "max relative error \(error)")
        // Every subset's weights receive a gradient (the test is not vacuous).
        for s in a.subsets.indices {
            #expect(analytic.blocks[a.weightBlock(subset: s, layer: 0)].contains { $0 != 0 })
        }
    }

    /// Without the stop-gradient the loss of a parent would move its children: check that the
    /// children's weights get only their own heads' gradient (parent's loss alone gives zeros).
    @Test func aParentsLossDoesNotReachItsChildren() {
        let a = Self.architecture()
        let p0 = Self.parameters()
        let f0 = AttributionNetwork.forward(p0, inputs: Self.inputs, users: Self.users, items: Self.items)
        var dHeads = [[Double]](repeating: [Double](repeating: 0, count: Self.users.count), count: a.subsets.count)
        dHeads[3] = [0.3, -0.2, 0.5, 0.1, -0.4]  // only the root's head has a loss
        var g = AttributionNetParameters<Double>(architecture: a)
        AttributionNetwork.backward(p0, users: Self.users, items: Self.items, activations: f0, dHeads: dHeads, gradient: &g)
        for s in 0..<3 {
            for l in 0..<a.layerCount { #expect(g.blocks[a.weightBlock(subset: s, layer: l)].allSatisfy { $0 == 0 }) }
        }
        #expect(g.blocks[a.weightBlock(subset: 3, layer: 0)].contains { $0 != 0 })
    }

    /// With `embeddingTraining: root`, the smaller subsets' losses train their own weights but
    /// not the identity embeddings; with every head allowed, they reach them.
    @Test func onlyTheRootsLossTrainsTheEmbeddingsWhenAsked() {
        let a = Self.architecture()
        let p0 = Self.parameters()
        let f0 = AttributionNetwork.forward(p0, inputs: Self.inputs, users: Self.users, items: Self.items)
        var dHeads = [[Double]](repeating: [Double](repeating: 0, count: Self.users.count), count: a.subsets.count)
        for s in 0..<3 { dHeads[s] = [0.3, -0.2, 0.5, 0.1, -0.4] }  // every head but the root's has a loss
        var rootOnly = AttributionNetParameters<Double>(architecture: a), all = rootOnly
        AttributionNetwork.backward(p0, users: Self.users, items: Self.items, activations: f0, dHeads: dHeads, gradient: &rootOnly, embeddingSubsets: [3])
        AttributionNetwork.backward(p0, users: Self.users, items: Self.items, activations: f0, dHeads: dHeads, gradient: &all)
        for block in [AttributionArchitecture.userEmbedding, AttributionArchitecture.itemEmbedding] {
            #expect(rootOnly.blocks[block].allSatisfy { $0 == 0 })
            #expect(all.blocks[block].contains { $0 != 0 })
        }
        for s in 0..<3 { #expect(rootOnly.blocks[a.weightBlock(subset: s, layer: 0)] == all.blocks[a.weightBlock(subset: s, layer: 0)]) }
    }

    /// Changing an input outside a subset leaves that subset's head where it was; changing one
    /// inside moves it.
    @Test func maskingRestrictsEverySubnetworkToItsInputs() {
        let a = Self.architecture()
        let p = Self.parameters()
        func heads(_ p: AttributionNetParameters<Double>, _ inputs: AttributionInputs = Self.inputs) -> [Double] {
            AttributionNetwork.forward(p, inputs: inputs, users: [1], items: [2]).heads(row: 0)
        }
        let base = heads(p)
        var otherUser = p  // user 1's embedding changed
        for k in 0..<2 { otherUser.blocks[AttributionArchitecture.userEmbedding][1 * 2 + k] += 0.9 }
        var otherItem = p  // item 2's embedding changed
        for k in 0..<2 { otherItem.blocks[AttributionArchitecture.itemEmbedding][2 * 2 + k] -= 0.8 }
        var otherContent = Self.inputs
        otherContent.itemContent[2] = -1.5
        otherContent.userContent[1 * 2] = 1
        let moved = (user: heads(otherUser), item: heads(otherItem), content: heads(p, otherContent))
        for s in a.subsets.indices {
            let readsUser = a.reads(s, .user), readsItem = a.reads(s, .item)
            #expect((moved.user[s] == base[s]) == !readsUser, "subset \(s) and the user embedding")
            #expect((moved.item[s] == base[s]) == !readsItem, "subset \(s) and the item embedding")
            #expect(moved.content[s] != base[s], "subset \(s) reads content")
        }
    }

    @Test func mixtureWeightsFollowTheBoostedFormula() {
        let a = Self.architecture()
        let heads: [Double] = [0.5, -0.8, 0.2, 0.9]
        let alpha = AttributionMixture.weights(heads, architecture: a, rule: .absolute)
        #expect(abs(alpha[0] - 0.5) < 1e-12)
        #expect(abs(alpha[1] - 0.8 * 0.5) < 1e-12)
        #expect(abs(alpha[2] - 0.2 * 0.5) < 1e-12)
        #expect(abs(alpha[3] - 0.9 * 0.5 * 0.2 * 0.8) < 1e-12)
        let d = AttributionMixture.decompose(heads, architecture: a, rule: .absolute)
        let f = heads.map { ($0 + 1) / 2 }
        let expected = zip(alpha, f).reduce(0) { $0 + $1.0 * $1.1 } / alpha.reduce(0, +)
        #expect(abs(d.prediction - expected) < 1e-6)
        #expect(abs(d.parts.reduce(0, +) + d.rest - d.prediction) < 1e-12)
        // With the root's confidence set to 1 it takes what its subsets leave: α_root = Π (1 − g_t).
        let closed = AttributionMixture.weights(heads, architecture: a, rule: .absolute, fullRoot: true)
        #expect(a.rootSubset == 3)
        #expect(abs(closed[3] - 0.5 * 0.2 * 0.8) < 1e-12 && closed[0] == alpha[0])
        // The centred rule: g = 1 at f = 1, 0 at the prior f = 0.3, small for f below it.
        let rule = AttributionNet.ConfidenceRule.reference
        #expect(abs(rule.confidence(1.0) - 1) < 1e-12 && abs(rule.confidence(-0.4)) < 1e-12 && rule.confidence(-1.0) < 0.05)
    }

    /// The planted-truth data: 4 tribes of users and 4 genres of items. "Content" users watch every
    /// item of their tribe's genre (the label depends on content only); "identity" users (of an
    /// unknown tribe) watch the same 15 "cult" items drawn regardless of genre (the label depends on
    /// which items they are, i.e. on identity only). The content share should dominate for the
    /// first, identity (the subsets that read an embedding) for the second.
    static func planted() -> (train: InteractionMatrix, inputs: AttributionInputs, contentUsers: [Int], identityUsers: [Int]) {
        let userCount = 80, itemCount = 60, tribes = 4
        var rng = SplitMix64(seed: 99)
        var userContent = [Float](repeating: 0, count: userCount * (tribes + 1))
        var itemContent = [Float](repeating: 0, count: itemCount * tribes)
        for i in 0..<itemCount { itemContent[i * tribes + i % tribes] = 1 }
        let cult = rng.sample(15, from: itemCount).map(Int32.init).sorted()
        var rows: [[Int32]] = [], contentUsers: [Int] = [], identityUsers: [Int] = []
        for u in 0..<userCount {
            if u % 2 == 0 {
                let tribe = (u / 2) % tribes
                userContent[u * (tribes + 1) + tribe] = 1
                let genreItems = (0..<itemCount).filter { $0 % tribes == tribe }
                rows.append(genreItems.map(Int32.init))
                contentUsers.append(u)
            } else {
                userContent[u * (tribes + 1) + tribes] = 1
                rows.append(cult)
                identityUsers.append(u)
            }
        }
        var start = [0], items: [Int32] = []
        for row in rows { items += row; start.append(items.count) }
        let train = InteractionMatrix(userCount: userCount, itemCount: itemCount, rowStart: start, items: items,
                                      ratings: [Float](repeating: 1, count: items.count), timestamps: (0..<items.count).map(Int64.init))
        return (train, AttributionInputs(userWidth: tribes + 1, itemWidth: tribes, userContent: userContent, itemContent: itemContent), contentUsers, identityUsers)
    }

    @Test func plantedTruthPutsTheLargerShareOnTheRightSubset() {
        let data = Self.planted()
        let model = AttributionNet(kind: .interpretable, train: data.train, inputs: data.inputs,
                                   configuration: .init(embeddingSize: 8, hiddenSizes: [16, 8], epochs: 20, batchSize: 64, learningRate: 0.005, seed: 3))
        // Share of the prediction of the user's own items from {content} against the subsets
        // that read an identity, averaged over those items.
        func contentLeads(_ u: Int) -> Bool {
            let items = data.train.items[data.train.range(ofUser: u)].map(Int.init)
            let (parts, output, _) = model.intrinsicAttribution(user: u, targets: items)
            let content = zip(parts, output).reduce(0.0) { $0 + Double($1.0[0] / $1.1) } / Double(items.count)
            return content > 0.5
        }
        let right = data.contentUsers.filter(contentLeads).count + data.identityUsers.filter { !contentLeads($0) }.count
        let share = Double(right) / Double(data.contentUsers.count + data.identityUsers.count)
        let contentRight = Double(data.contentUsers.filter(contentLeads).count) / Double(data.contentUsers.count)
        let identityRight = Double(data.identityUsers.filter { !contentLeads($0) }.count) / Double(data.identityUsers.count)
        print("planted truth: \(share) overall, content users \(contentRight), identity users \(identityRight)")
        #expect(contentRight >= 0.8, "content users: \(contentRight)")
        #expect(identityRight >= 0.8, "identity users: \(identityRight)")
    }

    @Test func trainingIsDeterministicAndSeeded() {
        let data = Self.planted()
        let c = AttributionNet.Configuration(embeddingSize: 4, hiddenSizes: [8, 4], epochs: 2, batchSize: 32, seed: 7)
        let a = AttributionNet(kind: .interpretable, train: data.train, inputs: data.inputs, configuration: c)
        let b = AttributionNet(kind: .interpretable, train: data.train, inputs: data.inputs, configuration: c)
        #expect(a.parameters == b.parameters)
        #expect(a.curves == b.curves)
        var other = c
        other.seed = 8
        #expect(AttributionNet(kind: .interpretable, train: data.train, inputs: data.inputs, configuration: other).parameters != a.parameters)
        let mlp = AttributionNet(kind: .plainMLP, train: data.train, inputs: data.inputs, configuration: c)
        #expect(mlp.architecture.subsets.count == 1)
        #expect(mlp.intrinsicParts.isEmpty)
    }

    /// `intrinsic` and `shap` (over the input groups) under the explainer contract: additive,
    /// deterministic, and `intrinsic` does not apply to the plain MLP.
    @Test func explainersAreAdditiveOnTheAttributionNetwork() {
        let data = Self.planted()
        let c = AttributionNet.Configuration(embeddingSize: 4, hiddenSizes: [8, 4], epochs: 3, batchSize: 32, seed: 7)
        let model = AttributionNet(kind: .interpretable, train: data.train, inputs: data.inputs, configuration: c)
        let mlp = AttributionNet(kind: .plainMLP, train: data.train, inputs: data.inputs, configuration: c)
        let context = ExplanationContext(train: data.train, itemIDs: (0..<60).map(String.init), titles: (0..<60).map { "Item \($0)" }, seed: 1)
        let intrinsic = ExplainerRegistry.make("intrinsic", settings: ExplainerSettings())!
        let shap = ExplainerRegistry.make("shap", settings: ExplainerSettings())!
        #expect(intrinsic.applies(to: model) && !intrinsic.applies(to: mlp) && shap.applies(to: model) && shap.applies(to: mlp))
        #expect(!intrinsic.applies(to: PopularityRecommender(train: data.train)))
        for explainer in [intrinsic, shap] {
            let request = ExplanationRequest(model: model, user: 3, targets: [5, 9, 40], context: context)
            let e = explainer.explain(request)!
            #expect(e == explainer.explain(request))
            var scores = [Float](repeating: 0, count: 60)
            model.scores(forUser: 3, into: &scores)
            let dense = e.attribution.dense()
            for t in 0..<3 {
                #expect(abs(e.attribution.output[t] - scores[[5, 9, 40][t]]) < 1e-5)
                let sum = dense.reduce(Float(0)) { $0 + $1[t] }
                #expect(abs(sum - (e.attribution.output[t] - e.attribution.baseline[t])) < 1e-4, "\(explainer.name) target \(t)")
            }
        }
    }
}
