@rem SPDX-License-Identifier: MIT
@rem The project's command line without Maven on Windows: vit --help, vit classify, ... (see cli\README.md).
@echo off
setlocal
set "ROOT=%~dp0"
set "LIB=%ROOT%cli\target\lib"
set "JAR="
for %%f in ("%ROOT%cli\target\cli-*.jar") do set "JAR=%%f"
if not defined JAR goto notbuilt
if not exist "%LIB%" goto notbuilt
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
"%JAVA%" --add-modules=jdk.incubator.vector -XX:+UseParallelGC %VIT_JAVA_OPTS% -cp "%JAR%;%LIB%\*" vit.cli.Vit %*
exit /b %ERRORLEVEL%
:notbuilt
echo error: vit is not built yet: run mvnw install (or mvnw -pl cli -am package -DskipTests) first 1>&2
exit /b 1
