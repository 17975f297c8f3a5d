package dev.protostar.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** env values and build args from the deploying process's environment, env files, and the secrets they make. */
class SpecEnvTest {
    private static final String SECRET = "redis://:hunter2-s3cret@redis:6379/0";

    @TempDir
    Path repo;

    private AppSpec parse(String yaml) {
        return SpecParser.parse("protostar.yml", yaml, repo);
    }

    private SpecException reject(String yaml) {
        return assertThrows(SpecException.class, () -> parse(yaml));
    }

    private SpecException unresolvable(String yaml, Map<String, String> variables) {
        AppSpec spec = parse(yaml);
        return assertThrows(SpecException.class, () -> DeployEnvironment.resolve(spec, variables::get));
    }

    @Test
    void aValueFromTheEnvironmentIsNamedInTheSpecAndReadAtDeploy() {
        AppSpec s = parse("""
                app: nest
                env:
                  NODE_ENV: production
                  REDIS_URL: { fromEnv: REDIS_URL }
                build:
                  args: { NPM_TOKEN: { fromEnv: CI_NPM_TOKEN }, NODE_VERSION: "20" }
                """);
        assertEquals(Map.of("NODE_ENV", "production"), s.env(), "parsing reads no variable");
        Deferred.FromEnv ref = s.deferred().env().get(0);
        assertEquals("REDIS_URL", ref.variable());
        assertEquals("env.REDIS_URL", ref.field());
        assertEquals(4, ref.line());
        assertEquals(14, ref.column());
        assertEquals(Map.of("NODE_VERSION", "20"), s.build().args());

        AppSpec r = DeployEnvironment.resolve(s, Map.of("REDIS_URL", SECRET, "CI_NPM_TOKEN", "npm_abcdef123")::get);
        assertEquals(Map.of("NODE_ENV", "production", "REDIS_URL", SECRET), r.env());
        assertEquals(Map.of("NODE_VERSION", "20", "NPM_TOKEN", "npm_abcdef123"), r.build().args());
        assertTrue(r.deferred().isEmpty());
        assertEquals("url=**** token=**** production", r.secrets().mask("url=" + SECRET + " token=npm_abcdef123 production"));
        assertFalse(r.toString().contains(SECRET) || r.toString().contains("npm_abcdef123"), r.toString());
    }

    @Test
    void aMissingVariableNamesTheFieldTheLineAndTheVariable() {
        SpecException e = unresolvable("""
                app: nest
                env:
                  REDIS_URL: { fromEnv: PROD_REDIS_URL }
                """, Map.of());
        assertEquals("env.REDIS_URL", e.field());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("protostar.yml:3:14: env.REDIS_URL: takes its value from the variable PROD_REDIS_URL"),
                e.getMessage());
        assertTrue(e.getMessage().contains("withCredentials"), e.getMessage());
        SpecException arg = unresolvable("app: nest\nbuild: { args: { TOKEN: { fromEnv: NPM } } }\n", Map.of());
        assertEquals("build.args.TOKEN", arg.field());
        assertEquals(2, arg.line());
    }

    @Test
    void envFilesAreReadInOrderAndTheSpecWins() throws Exception {
        Files.writeString(repo.resolve(".env"), """
                # the team's defaults
                export DATABASE_URL=postgres://app:pw-from-file@db/app
                LOG_LEVEL=info   # a comment
                GREETING="hello\\nworld \\"quoted\\" \\$HOME"
                RAW='a $b \\n #c'
                EMPTY=
                """);
        Files.createDirectories(repo.resolve("deploy"));
        Files.writeString(repo.resolve("deploy/prod.env"), "LOG_LEVEL=warn\r\nWORKERS=4\r\n");
        AppSpec s = DeployEnvironment.resolve(parse("""
                app: api
                envFile: [.env, deploy/prod.env]
                env: { WORKERS: "2" }
                """), Map.<String, String>of()::get);
        assertEquals("postgres://app:pw-from-file@db/app", s.env().get("DATABASE_URL"));
        assertEquals("warn", s.env().get("LOG_LEVEL"));
        assertEquals("2", s.env().get("WORKERS"));
        assertEquals("hello\nworld \"quoted\" $HOME", s.env().get("GREETING"));
        assertEquals("a $b \\n #c", s.env().get("RAW"));
        assertEquals("", s.env().get("EMPTY"));
        assertEquals("url ****", s.secrets().mask("url postgres://app:pw-from-file@db/app"));
        assertEquals(List.of(repo.resolve(".env")), parse("app: api\nenvFile: .env\n").deferred().envFiles().stream()
                .map(Deferred.EnvFile::path).toList());
    }

    @Test
    void anEnvFileMayBeNamedByAVariableAsASecretFileBindingFillsIt() throws Exception {
        Path secretFile = Files.createDirectories(repo.resolve("ws@tmp/secrets")).resolve("nest.env");
        Files.writeString(secretFile, "DATABASE_URL=postgres://app:pw-from-secret-file@db/app\nLOG_LEVEL=info\n");
        AppSpec spec = parse("""
                app: nest
                envFile:
                  - .env.defaults
                  - { fromEnv: NEST_ENV }
                """);
        Deferred.EnvFile named = spec.deferred().envFiles().get(1);
        assertEquals("envFile[1]", named.field());
        assertEquals(4, named.line());
        assertEquals(5, named.column());
        assertEquals("NEST_ENV", named.variable());
        Files.writeString(repo.resolve(".env.defaults"), "LOG_LEVEL=debug\nWORKERS=2\n");
        AppSpec s = DeployEnvironment.resolve(spec, Map.of("NEST_ENV", secretFile.toString())::get);
        assertEquals("postgres://app:pw-from-secret-file@db/app", s.env().get("DATABASE_URL"));
        assertEquals("info", s.env().get("LOG_LEVEL"), "the later file wins");
        assertEquals("2", s.env().get("WORKERS"));
        assertEquals("url ****", s.secrets().mask("url postgres://app:pw-from-secret-file@db/app"));

        SpecException unset = unresolvable("app: nest\nenvFile: { fromEnv: NEST_ENV }\n", Map.of());
        assertEquals("envFile", unset.field());
        assertEquals(2, unset.line());
        assertTrue(unset.getMessage().startsWith("protostar.yml:2:10: envFile: takes the path"), unset.getMessage());
        assertTrue(unset.getMessage().contains("takes the path of an env file from the variable NEST_ENV"), unset.getMessage());
        assertTrue(unset.getMessage().contains("credentials: [file(credentialsId:"), unset.getMessage());
        SpecException gone = unresolvable("app: nest\nenvFile: { fromEnv: NEST_ENV }\n", Map.of("NEST_ENV", repo.resolve("gone.env").toString()));
        assertTrue(gone.getMessage().contains("there is no env file named by NEST_ENV (" + repo.resolve("gone.env") + ")"), gone.getMessage());
    }

    @Test
    void anEnvFileThatCannotBeReadNamesTheFieldAndLine() throws Exception {
        SpecException missing = unresolvable("app: api\nenv: { A: b }\nenvFile: secrets/prod.env\n", Map.of());
        assertEquals("envFile", missing.field());
        assertEquals(3, missing.line());
        assertEquals(10, missing.column());
        assertTrue(missing.getMessage().contains("there is no env file secrets/prod.env"), missing.getMessage());

        Files.createDirectories(repo.resolve("adir"));
        SpecException dir = unresolvable("app: api\nenvFile: [ok.env, adir]\n", Map.of());
        assertTrue(dir.getMessage().contains("there is no env file ok.env"), dir.getMessage());
        Files.writeString(repo.resolve("ok.env"), "A=1\n");
        dir = unresolvable("app: api\nenvFile: [ok.env, adir]\n", Map.of());
        assertEquals("envFile[1]", dir.field());
        assertTrue(dir.getMessage().contains("is not a regular file"), dir.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            A=1\\nno equals sign here                 | line 2: expected NAME=value
            A = hunter2-s3cret                          | line 1: the name before '=' is not allowed
            1A=hunter2-s3cret                           | line 1: the name before '=' is not allowed
            A="hunter2-s3cret                           | line 1: a double quote is not closed
            A='hunter2-s3cret                           | line 1: a single quote is not closed
            A="hunter2-s3cret" trailing                 | line 1: text after the closing quote
            A="hunter2-s3cret\\q"                       | line 1: unknown escape
            A=hunter2-s3cret\\nA=hunter2-s3cret          | line 2: A is given twice (first on line 1)
            A=hunter2\u0001s3cret                       | line 1: the value contains a control character
            """)
    void anEnvFileIsReadStrictlyAndNeverQuoted(String content, String words) throws Exception {
        Files.writeString(repo.resolve("bad.env"), content.replace("\\n", "\n").replace("\\q", "\\q"), StandardCharsets.UTF_8);
        SpecException e = unresolvable("app: api\nenvFile: bad.env\n", Map.of());
        assertEquals("envFile", e.field());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains(words), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("s3cret"), "never the value: " + e.getMessage());
    }

    @Test
    void anEnvFileThatIsNotUtf8IsRefused() throws Exception {
        Files.write(repo.resolve("latin1.env"), new byte[] {'A', '=', (byte) 0xe9, '\n'});
        assertTrue(unresolvable("app: api\nenvFile: latin1.env\n", Map.of()).getMessage().contains("not UTF-8"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            app: a\\nenv: { A: { fromEnv: 1BAD } }               | env.A.fromEnv  | 2 | not allowed
            app: a\\nenv: { A: { fromEnv: X, secret: true } }    | env.A.secret   | 2 | unknown field
            app: a\\nenv: { A: {} }                              | env.A.fromEnv  | 2 | is required
            app: a\\nenv: { A: { from: X } }                     | env.A.from     | 2 | unknown field
            app: a\\nenv: { A: [x] }                             | env.A          | 2 | expected a single value
            app: a\\nenv: { 1A: x }                              | env            | 2 | not allowed as a name
            app: a\\nenvFile: { path: .env }                     | envFile.path   | 2 | unknown field
            app: a\\nenvFile: [.env, { fromEnv: 1X }]           | envFile[1].fromEnv | 2 | not allowed
            app: a\\nenvFile: { fromEnv: X, path: .env }         | envFile.path   | 2 | unknown field
            app: a\\nenvFile: [.env, "a b"]                      | envFile[1]     | 2 | a file path on the deploying machine
            app: a\\nenvFile: [[.env]]                           | envFile        | 2 | list items must be single values or mappings
            app: a\\nbuild: { args: { T: { fromEnv: X Y } } }    | build.args.T.fromEnv | 2 | not allowed
            """)
    void badShapesNameTheField(String yaml, String field, int line, String words) {
        SpecException e = reject(yaml.replace("\\n", "\n"));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void aVariableDockerCannotTakeIsRefusedWithoutShowingIt() {
        SpecException e = unresolvable("app: a\nenv: { A: { fromEnv: V } }\n", Map.of("V", "hunter2\u0000s3cret"));
        assertTrue(e.getMessage().contains("the variable V holds a value Docker cannot take"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void shortValuesAreNotMasked() {
        Secrets s = Secrets.of(java.util.Set.of("1", "yes", "abcd", "abcdef"));
        assertEquals("1 yes **** ****", s.mask("1 yes abcd abcdef"));
        assertEquals("****", Secrets.of(java.util.Set.of("abcd", "abcdabcd")).mask("abcdabcd"), "the longer one whole");
    }

    @Test
    void aMultiLineSecretIsMaskedLineByLineAndEscaped() {
        String pem = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\nAQEFAASCBKcwggSjAgEAAoIB\n-----END KEY-----";
        Secrets s = Secrets.of(java.util.Set.of(pem, "pa\"ss\\word"));
        assertEquals("build: ****", s.mask("build: MIIEvQIBADANBgkqhkiG9w0B"));
        assertEquals("env: ****", s.mask("env: " + pem.replace("\n", "\\u000a")), "as a message escapes it");
        assertEquals("{\"v\":\"****\"}", s.mask("{\"v\":\"" + pem.replace("\n", "\\n") + "\"}"));
        assertEquals("{\"p\":\"****\"}", s.mask("{\"p\":\"pa\\\"ss\\\\word\"}"));
    }

    @Test
    void theFormCheckReadsNoFileAndNoVariable() {
        SpecParser.check("protostar.yml", "app: a\nenvFile: /nowhere/prod.env\nenv: { A: { fromEnv: NOT_SET_ANYWHERE } }\n");
    }
}
