// SPDX-License-Identifier: Apache-2.0
// Google Benchmark for the hot paths of core/crypto: one m2m_kdf, one RFC 3394 wrap, and the
// Kmr -> Kmc -> Kma chain (raw KDF calls, and through the profile-driven functions that also
// build each derivation record). The three chain benchmarks run in repetitions and the program
// ends with their medians side by side, measured in the same run, so that the cost of the
// records is read against the raw chain on the same machine under the same load (target: the
// recorded chain under 10 us). Not a CTest test: run build/.../tests/crypto/bench_crypto.
#include "core/crypto/kdf.h"
#include "core/crypto/key_hierarchy.h"
#include "core/crypto/key_recorder.h"
#include "core/crypto/key_wrap.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>

namespace {

using namespace m2mbench;
using namespace m2mbench::crypto;

const SecureBytes kEmsk = SecureBytes::fromByteArray(QByteArray(64, '\x11'));
const SecureBytes kKey32 = SecureBytes::fromByteArray(QByteArray(32, '\x22'));
const QByteArray kNodeId(16, '\x33');
const QByteArray kClientRandom(32, '\x44');
const QByteArray kServerRandom(32, '\x55');
const QString kSpId = QStringLiteral("sp.m2m.example.com");
const QString kAppId = QStringLiteral("app:temperature-1");
/// Repetitions of each chain benchmark: their median is what the summary quotes.
constexpr int kChainRepetitions = 7;

void BM_M2mKdf(benchmark::State &state) {
    const QByteArray context = kNodeId + QByteArray(4, '\0') + kClientRandom + kServerRandom;
    const QString label = QStringLiteral("ETSI-M2M-Kmc");
    for (auto _ : state) {
        auto out = m2mKdf(kKey32, label, context, 32);
        benchmark::DoNotOptimize(out);
    }
}
BENCHMARK(BM_M2mKdf)->Unit(benchmark::kNanosecond);

void BM_AesKeyWrap(benchmark::State &state) {
    for (auto _ : state) {
        auto wrapped = aesKeyWrap(kKey32, kEmsk.left(32));
        benchmark::DoNotOptimize(wrapped);
    }
}
BENCHMARK(BM_AesKeyWrap)->Unit(benchmark::kNanosecond);

void BM_AesKeyUnwrap(benchmark::State &state) {
    const QByteArray wrapped = *aesKeyWrap(kKey32, kEmsk.left(32));
    for (auto _ : state) {
        auto key = aesKeyUnwrap(kKey32, wrapped);
        benchmark::DoNotOptimize(key);
    }
}
BENCHMARK(BM_AesKeyUnwrap)->Unit(benchmark::kNanosecond);

/// The three KDF calls of EMSK -> Kmr -> Kmc -> Kma with hand-built contexts.
void BM_ChainRawKdf(benchmark::State &state) {
    const QByteArray kmrContext = kSpId.toUtf8() + QByteArray(1, '\0') + kNodeId;
    const QByteArray kmcContext = kNodeId + QByteArray(4, '\0') + kClientRandom + kServerRandom;
    const QByteArray kmaContext = kAppId.toUtf8();
    const QString kmrLabel = QStringLiteral("ETSI-M2M-Kmr");
    const QString kmcLabel = QStringLiteral("ETSI-M2M-Kmc");
    const QString kmaLabel = QStringLiteral("ETSI-M2M-Kma");
    for (auto _ : state) {
        auto kmr = m2mKdf(kEmsk, kmrLabel, kmrContext, 32);
        auto kmc = m2mKdf(*kmr, kmcLabel, kmcContext, 32);
        auto kma = m2mKdf(*kmc, kmaLabel, kmaContext, 32);
        benchmark::DoNotOptimize(kma);
    }
}
BENCHMARK(BM_ChainRawKdf)->Unit(benchmark::kNanosecond)->Repetitions(kChainRepetitions);

/// The same chain through the profile-driven functions, each returning its full record.
void BM_ChainProfileRecords(benchmark::State &state) {
    const Profile profile = *Profile::builtin();
    const NamedKey emsk{QStringLiteral("EMSK"), kEmsk, {}};
    for (auto _ : state) {
        auto kmr = deriveKmrFromEmsk(profile, emsk, kSpId, kNodeId);
        auto kmc = deriveKmc(profile, outputKey(*kmr), kNodeId, 1, kClientRandom, kServerRandom);
        auto kma = deriveKma(profile, outputKey(*kmc), kAppId);
        benchmark::DoNotOptimize(kma);
    }
}
BENCHMARK(BM_ChainProfileRecords)->Unit(benchmark::kNanosecond)->Repetitions(kChainRepetitions);

/// And kept in a KeyRecorder tree, as a node does during a run (no trace attached).
void BM_ChainRecorded(benchmark::State &state) {
    const Profile profile = *Profile::builtin();
    for (auto _ : state) {
        KeyRecorder keys;
        const NamedKey emsk =
            keys.recordGiven(QStringLiteral("EMSK"), kEmsk, QStringLiteral("bench"));
        auto kmr = keys.record(deriveKmrFromEmsk(profile, emsk, kSpId, kNodeId));
        auto kmc = keys.record(deriveKmc(profile, *kmr, kNodeId, 1, kClientRandom, kServerRandom));
        auto kma = keys.record(deriveKma(profile, *kmc, kAppId));
        benchmark::DoNotOptimize(kma);
    }
}
BENCHMARK(BM_ChainRecorded)->Unit(benchmark::kNanosecond)->Repetitions(kChainRepetitions);

/// The console output as usual, and the median of each repeated benchmark kept for the summary.
class MedianReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run> &runs) override {
        for (const Run &run : runs) {
            if (run.run_type == Run::RT_Aggregate && run.aggregate_name == "median") {
                m_medians[run.run_name.function_name] = {run.GetAdjustedRealTime(),
                                                         run.GetAdjustedCPUTime()};
            }
        }
        ConsoleReporter::ReportRuns(runs);
    }

    /// One line per chain benchmark, and the recorded chains against the raw one.
    void printChainSummary() const {
        const auto raw = m_medians.find("BM_ChainRawKdf");
        if (raw == m_medians.end()) {
            return; // filtered out: nothing to compare with
        }
        std::printf("\nchain medians of this run (%d repetitions each), ns per chain, wall / "
                    "cpu:\n",
                    kChainRepetitions);
        for (const char *name : {"BM_ChainRawKdf", "BM_ChainProfileRecords", "BM_ChainRecorded"}) {
            const auto it = m_medians.find(name);
            if (it == m_medians.end()) {
                continue;
            }
            std::printf("  %-24s %8.0f / %8.0f   x%.2f of raw (cpu)\n", name, it->second.first,
                        it->second.second, it->second.second / raw->second.second);
        }
    }

private:
    std::map<std::string, std::pair<double, double>> m_medians;
};

} // namespace

int main(int argc, char **argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    MedianReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    reporter.printChainSummary();
    benchmark::Shutdown();
    return 0;
}
