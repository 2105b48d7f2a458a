// SPDX-License-Identifier: Apache-2.0
#pragma once

// One test PKI per test process for the bootstrap tests: a CA, the MSBF's certificate, a device
// with its M2M-Node-ID, and a rogue CA with a device certificate the MSBF must not trust.

#include "core/crypto/pki.h"

#include <gtest/gtest.h>

namespace m2mbench::test {

struct BootPki {
    QByteArray nodeId;
    QString identity;
    QString msbfName = QStringLiteral("msbf.m2mbench.test");
    QString uriPrefix = QStringLiteral("urn:m2mbench:node-id:");
    crypto::Credential ca;
    crypto::Credential msbf;
    crypto::Credential device;
    crypto::Credential rogueCa;
    crypto::Credential rogueDevice;
    crypto::Credential rogueMsbf;

    static const BootPki &get(crypto::KeyAlgorithm algorithm = crypto::KeyAlgorithm::EcdsaP256) {
        static const BootPki ec = make(crypto::KeyAlgorithm::EcdsaP256);
        if (algorithm == crypto::KeyAlgorithm::EcdsaP256) {
            return ec;
        }
        static const BootPki rsa = make(crypto::KeyAlgorithm::Rsa2048);
        return rsa;
    }

private:
    static BootPki make(crypto::KeyAlgorithm algorithm) {
        BootPki p;
        p.nodeId = QByteArray::fromHex("00112233445566778899aabbccddeeff");
        p.identity = QStringLiteral("00112233445566778899aabbccddeeff@m2mbench.test");
        auto ca = crypto::TestPki::create(QStringLiteral("m2mbench test CA"), algorithm);
        auto rogue = crypto::TestPki::create(QStringLiteral("rogue CA"), algorithm);
        EXPECT_TRUE(ca && rogue);
        p.ca = ca->ca();
        p.rogueCa = rogue->ca();
        p.msbf = *ca->issueServer(p.msbfName, algorithm);
        p.device = *ca->issueDevice(p.nodeId, p.identity, p.uriPrefix, algorithm);
        p.rogueDevice = *rogue->issueDevice(p.nodeId, p.identity, p.uriPrefix, algorithm);
        p.rogueMsbf = *rogue->issueServer(p.msbfName, algorithm);
        return p;
    }
};

} // namespace m2mbench::test
