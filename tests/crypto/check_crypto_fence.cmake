# SPDX-License-Identifier: Apache-2.0
# The crypto fence: core/crypto is the one place where the bench calls OpenSSL's EVP_* APIs,
# HMAC() or CMAC. This script scans every product source outside core/crypto (tests, which keep
# OpenSSL as their independent route, and build folders are not product) and fails naming each
# file and line that crosses the fence.
#
#   cmake -DROOT=<source tree> -P check_crypto_fence.cmake
cmake_minimum_required(VERSION 3.25)

if(NOT ROOT OR NOT IS_DIRECTORY "${ROOT}")
    message(FATAL_ERROR "crypto fence: give -DROOT=<the source tree>")
endif()

# What crosses the fence. HMAC( and not HMAC: the word appears in names and comments
# (HMAC-SHA-256, hmacSha256) that are fine anywhere.
set(pattern "EVP_|HMAC\\(|CMAC")

file(GLOB_RECURSE sources RELATIVE "${ROOT}" LIST_DIRECTORIES false
    "${ROOT}/*.c" "${ROOT}/*.cc" "${ROOT}/*.cpp" "${ROOT}/*.cxx" "${ROOT}/*.h" "${ROOT}/*.hh"
    "${ROOT}/*.hpp" "${ROOT}/*.ipp")

# Stand-ins for the characters that would break the list of lines, put back for the report.
string(ASCII 1 open_mark)
string(ASCII 2 close_mark)
string(ASCII 3 semicolon_mark)

set(scanned 0)
set(findings "")
foreach(path IN LISTS sources)
    if(path MATCHES "^(core/crypto|tests|build[^/]*|\\.git|_deps|third_party)/")
        continue()
    endif()
    math(EXPR scanned "${scanned} + 1")
    # Cheap first pass: does the file hold the pattern at all?
    file(STRINGS "${ROOT}/${path}" hits REGEX "${pattern}")
    if(NOT hits)
        continue()
    endif()
    # Only for the few that do: line numbers. Square brackets would change how CMake splits the
    # list, semicolons would split it: both are swapped out before the lines become a list.
    file(READ "${ROOT}/${path}" text)
    string(REPLACE "[" "${open_mark}" text "${text}")
    string(REPLACE "]" "${close_mark}" text "${text}")
    string(REPLACE ";" "${semicolon_mark}" text "${text}")
    string(REPLACE "\n" ";" lines "${text}")
    set(number 0)
    foreach(line IN LISTS lines)
        math(EXPR number "${number} + 1")
        if(line MATCHES "${pattern}")
            string(STRIP "${line}" shown)
            string(REPLACE "${open_mark}" "[" shown "${shown}")
            string(REPLACE "${close_mark}" "]" shown "${shown}")
            string(REPLACE "${semicolon_mark}" ";" shown "${shown}")
            string(APPEND findings "  ${path}:${number}: ${shown}\n")
        endif()
    endforeach()
endforeach()

if(scanned EQUAL 0)
    message(FATAL_ERROR "crypto fence: no product source found under ${ROOT}")
endif()
if(findings)
    message(FATAL_ERROR
        "crypto fence: OpenSSL EVP_* / HMAC( / CMAC outside core/crypto; put it behind a "
        "core/crypto function (mac.h, kdf.h, tls_credential.h, ...):\n${findings}")
endif()
message(STATUS "crypto fence: ${scanned} product sources outside core/crypto, none uses EVP_*, "
    "HMAC( or CMAC")
