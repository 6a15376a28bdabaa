/**
 * The fake bank inside a JVM test suite: {@link io.acqsim.testkit.AcqsimExtension} starts an acqsim
 * host on free ports for a JUnit 5 test class and hands the tests a typed client for its accounts,
 * rules, transactions and reversal watch, without HTTP.
 */
package io.acqsim.testkit;
