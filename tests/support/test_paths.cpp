// SPDX-License-Identifier: Apache-2.0
#include "tests/support/test_paths.h"

#include <QDir>
#include <QFileInfo>

namespace m2mbench::test {

QString sourceDir() {
    return QStringLiteral(M2MBENCH_TEST_SOURCE_DIR);
}

QString binaryDir() {
    return QStringLiteral(M2MBENCH_TEST_BINARY_DIR);
}

QString xsdDirSearched() {
    const QByteArray env = qgetenv("M2M_XSD_DIR");
    if (!env.isEmpty()) {
        return QString::fromLocal8Bit(env);
    }
    return QDir::cleanPath(QStringLiteral(M2MBENCH_TEST_XSD_DIR));
}

QString xsdDir() {
    const QString dir = xsdDirSearched();
    return QFileInfo::exists(dir + QStringLiteral("/common.xsd")) ? dir : QString();
}

} // namespace m2mbench::test
