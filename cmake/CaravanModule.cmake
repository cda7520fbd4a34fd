# caravan_module(name SOURCES ... DEPS ... [EXTERNAL ...]): one folder = one library target
# caravan::name, plus a gtest binary caravan_name_tests built from the folder's *_test.cpp files
# and, in the bench preset, one benchmark binary per *_bench.cpp.
#
# Without SOURCES, every .cpp of the folder that is not a test or a benchmark is a source.
function(caravan_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;EXTERNAL;TEST_DEPS" ${ARGN})
  if(NOT M_SOURCES)
    file(GLOB M_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
    list(FILTER M_SOURCES EXCLUDE REGEX "(_test|_bench|/main)\\.cpp$")
  endif()
  add_library(caravan_${name} STATIC ${M_SOURCES})
  add_library(caravan::${name} ALIAS caravan_${name})
  target_include_directories(caravan_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(caravan_${name} PUBLIC ${M_DEPS} ${M_EXTERNAL} PRIVATE caravan_warnings)
  if(CARAVAN_ASSERTS)
    target_compile_definitions(caravan_${name} PUBLIC CARAVAN_ENABLE_ASSERTS=1)
  endif()
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cpp)
  if(tests)
    add_executable(caravan_${name}_tests ${tests})
    target_link_libraries(caravan_${name}_tests PRIVATE caravan_${name} caravan_testing ${M_TEST_DEPS}
                          GTest::gtest_main caravan_warnings)
    target_compile_definitions(caravan_${name}_tests PRIVATE
      CARAVAN_DATA_DIR="${CARAVAN_DATA_DIR}" CARAVAN_SHARED_DIR="${CARAVAN_SHARED_DIR}")
    add_test(NAME ${name} COMMAND caravan_${name}_tests)
    set_tests_properties(${name} PROPERTIES LABELS unit)
  endif()
  if(CARAVAN_BENCH)
    file(GLOB benches CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_bench.cpp)
    foreach(b ${benches})
      get_filename_component(bn ${b} NAME_WE)
      add_executable(${bn} ${b})
      target_link_libraries(${bn} PRIVATE caravan_${name} caravan_testing benchmark::benchmark caravan_warnings)
      target_compile_definitions(${bn} PRIVATE CARAVAN_DATA_DIR="${CARAVAN_DATA_DIR}")
    endforeach()
  endif()
endfunction()
