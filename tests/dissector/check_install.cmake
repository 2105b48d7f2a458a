# SPDX-License-Identifier: Apache-2.0
# `cmake --install` puts the plugin where Wireshark's global plugins are (wireshark.pc plugindir),
# and a Wireshark pointed at that tree loads it. Installs into a scratch DESTDIR, never the system.
# Run by CTest as dissector_install with BUILD_DIR, PLUGIN_DIR (plugindir), WORK_DIR.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(COMMAND ${CMAKE_COMMAND} -E env DESTDIR=${WORK_DIR}
        ${CMAKE_COMMAND} --install ${BUILD_DIR} --component wireshark-plugin
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(installed "${WORK_DIR}${PLUGIN_DIR}/epan/etsim2m.so")
if(NOT rc EQUAL 0 OR NOT EXISTS "${installed}")
    message(FATAL_ERROR "cmake --install did not put the plugin at ${installed}:\n${out}${err}")
endif()
message(STATUS "installed ${installed}")
# Wireshark looks in <root>/<major.minor>/epan: the root is plugindir's parent.
get_filename_component(root "${WORK_DIR}${PLUGIN_DIR}" DIRECTORY)
execute_process(COMMAND chmod -R a+rX "${WORK_DIR}")
execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
set(runner)
if(uid STREQUAL "0")
    set(runner setpriv --reuid=65534 --regid=65534 --clear-groups)
endif()
if(PRELOAD STREQUAL "")
    # tshark -G plugins names the file each plugin was loaded from.
    set(report plugins)
    set(expected "${installed}")
else()
    # A sanitizer build: tshark -G plugins hangs with the sanitizer runtimes preloaded (seen with
    # Wireshark 4.0.17 and GCC 12), -G protocols does not; the protocol can only come from here.
    set(report protocols)
    set(expected "\tetsim2m")
endif()
execute_process(COMMAND ${runner} env HOME=/tmp WIRESHARK_PLUGIN_DIR=${root} "LD_PRELOAD=${PRELOAD}"
        ASAN_OPTIONS=detect_leaks=0 tshark -G ${report}
    OUTPUT_VARIABLE listed ERROR_VARIABLE err RESULT_VARIABLE rc TIMEOUT 60)
string(FIND "${listed}" "${expected}" found)
if(found EQUAL -1)
    message(FATAL_ERROR "tshark does not load the installed plugin from ${root}:\n${listed}${err}")
endif()
message(STATUS "tshark loads ${installed}")
