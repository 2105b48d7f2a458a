// SPDX-License-Identifier: Apache-2.0
// Google Benchmark for the hot paths of core/crypto: one m2m_kdf, one RFC 3394 wrap, and the
// Kmr -> Kmc -> Kma chain (raw KDF calls, and through the profile-driven functions that also
// build each derivation record). Not a CTest test: run build/.../tests/crypto/bench_crypto.
#include "core/crypto/kdf.h"
#include "core/crypto/key_hierarchy.h"
#include "core/crypto/key_recorder.h"
#include "core/crypto/key_wrap.h"

#include <benchmark/benchmark.h>

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
BENCHMARK(BM_ChainRawKdf)->Unit(benchmark::kNanosecond);

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
BENCHMARK(BM_ChainProfileRecords)->Unit(benchmark::kNanosecond);

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
BENCHMARK(BM_ChainRecorded)->Unit(benchmark::kNanosecond);

} // namespace

BENCHMARK_MAIN();
