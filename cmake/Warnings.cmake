# Warning flags shared by every Caravan target.
add_library(caravan_warnings INTERFACE)
target_compile_options(caravan_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
if(CARAVAN_WERROR)
  target_compile_options(caravan_warnings INTERFACE -Werror)
endif()
