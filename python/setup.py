"""Builds the extension with the project's CMake (no compiler flags of its own), then packages it.

    pip install --no-build-isolation ./python        # offline: Debian's setuptools, pybind11

CARAVAN_BUILD_DIR picks the CMake build folder (default build/python beside the sources).
"""
import os
import pathlib
import shutil
import subprocess

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent.parent


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = pathlib.Path(os.environ.get("CARAVAN_BUILD_DIR", ROOT / "build" / "python"))
        subprocess.check_call(["cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release"])
        subprocess.check_call(["cmake", "--build", str(build), "--target", "caravan_python", "-j",
                               os.environ.get("JOBS", "2")])
        built = next((build / "python" / "caravan").glob("_caravan*.so"))
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, target)


setup(ext_modules=[Extension("caravan._caravan", sources=[])], cmdclass={"build_ext": CMakeBuild})
