// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace m2mbench::test {

/// The project's source folder (for testcases/ and tests/data/).
QString sourceDir();
/// The build folder (for executables such as m2mbench-cli).
QString binaryDir();
/// The TS 102 921 schema folder, or an empty string when it is absent; tests that need it must
/// call GTEST_SKIP() with a message that names the folder they looked for.
QString xsdDir();
/// The folder the tests looked in for the schemas, for skip messages.
QString xsdDirSearched();

} // namespace m2mbench::test
