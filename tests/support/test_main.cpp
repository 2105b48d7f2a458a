// SPDX-License-Identifier: Apache-2.0
// Test entry point: a QCoreApplication exists for the whole run so that sockets, timers and
// threads with event loops work inside tests.
#include <QCoreApplication>

#include <gtest/gtest.h>

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
