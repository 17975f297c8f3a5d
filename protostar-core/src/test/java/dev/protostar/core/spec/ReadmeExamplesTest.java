package dev.protostar.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's worked examples (Next.js, NestJS, FastAPI) are read as a deploy reads them: each spec with the engine's
 * parser from a protostar.yml, then its values from the deploying machine with exactly what the Jenkinsfile stage beside
 * it binds; each stage's steps, parameters and credential bindings must be ones the plugin declares.
 */
class ReadmeExamplesTest {
    private static final List<String> APPS = List.of("nextjs", "nestjs", "fastapi");
    private static ReadmeExamples readme;
    private static PluginSteps plugin;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws Exception {
        readme = ReadmeExamples.read();
        plugin = PluginSteps.read();
    }

    @Test
    void eachAppHasASpecAndAStageAndNoCodeBlockThereIsLeftUnchecked() {
        Set<String> expected = new HashSet<>();
        for (String app : APPS) {
            expected.add(app + " spec");
            expected.add(app + " jenkinsfile");
            assertEquals("yaml", readme.get(app, "spec").language(), app);
            assertEquals("groovy", readme.get(app, "jenkinsfile").language(), app);
        }
        assertEquals(expected, readme.blocks().keySet());
        assertEquals(readme.blocks().size(), readme.codeBlocks(), "a code block in the worked examples without its <!-- example: … --> mark");
    }

    @Test
    void nextJsBakesItsPublicValueInAtBuildTime() throws Exception {
        AppSpec s = deploy("nextjs");
        assertEquals("frontend", s.app());
        assertEquals("https://protostar.example/api", s.build().args().get("NEXT_PUBLIC_API_URL"));
        assertTrue(s.env().keySet().stream().noneMatch(k -> k.startsWith("NEXT_PUBLIC_")),
                "a NEXT_PUBLIC_ value set at run time never reaches the browser: " + s.env().keySet());
        assertEquals("/api/health", s.health().path());
    }

    @Test
    void nestJsMigratesBeforeTheSwitchWithItsRedisUrlFromCredentials() throws Exception {
        AppSpec s = deploy("nestjs");
        assertEquals("nest", s.app());
        Hooks.Command migrate = (Hooks.Command) s.hooks().beforeSwitch().get(0);
        assertEquals(1, s.hooks().beforeSwitch().size());
        assertEquals(List.of("npx", "prisma", "migrate", "deploy"), migrate.command());
        assertEquals(Duration.ofMinutes(5), migrate.timeout());
        assertFalse(migrate.eachHost(), "a migration runs once, on the first host");
        assertEquals(List.of("db"), s.container().networks(), "Postgres and Redis are on db");
        assertEquals(bound("REDIS_URL"), s.env().get("REDIS_URL"));
        assertEquals("****", s.secrets().mask(bound("REDIS_URL")), "the Redis URL is a secret");
    }

    @Test
    void fastApiReadsItsModelFromAReadOnlyVolumeAndGetsTheGpu() throws Exception {
        AppSpec s = deploy("fastapi");
        assertEquals("fastapi", s.app());
        assertEquals(List.of(new ContainerOptions.Volume("models", "/models", true)), s.container().volumes());
        assertFalse(s.container().volumes().get(0).bind(), "a named volume, not a path on the host");
        assertEquals(ContainerOptions.ALL_GPUS, s.container().gpus());
        assertEquals(16L << 30, s.container().memoryBytes());
        assertEquals("hf_example_token", s.env().get("HF_TOKEN"), "from the env file the secret-file binding names");
        assertEquals(bound("DB_PASSWORD"), s.env().get("POSTGRES_PASSWORD"));
    }

    @Test
    void theThreeShareTheMainServersNginxEachUnderItsOwnName() throws Exception {
        Set<String> names = new HashSet<>();
        for (String app : APPS) {
            AppSpec s = deploy(app);
            assertEquals(AppSpec.Router.Kind.NGINX_CONTAINER, s.router().kind(), app);
            assertEquals("nginx", s.router().container(), app);
            assertEquals("web", s.network(), app);
            assertNotNull(s.router().serverName(), app);
            // apps on one nginx that share a listen are told apart by their server names (router.ListenClaims)
            assertTrue(names.add(s.router().listen() + " " + s.router().serverName()), app + " shares another app's listen and name");
        }
    }

    @Test
    void eachStageUsesOnlyStepsParametersAndBindingsThePluginHas() {
        for (String app : APPS) {
            List<PipelineSnippet.Call> calls = stage(app);
            assertTrue(calls.stream().anyMatch(c -> c.function().equals("protostarDeploy")), app + " deploys");
            for (PipelineSnippet.Call c : calls) {
                if (c.within() == null) {
                    PluginSteps.Describable step = plugin.steps().get(c.function());
                    assertTrue(step.parameters().containsAll(c.arguments().keySet()), app + ": " + c.function() + " takes "
                            + step.parameters() + " (" + step.file() + "), the README gives it " + c.arguments().keySet());
                    assertEquals("main", c.arguments().get("dockerHost"), app + ": the endpoint the specs leave out");
                } else {
                    PluginSteps.Describable binding = plugin.bindings().get(c.function());
                    assertNotNull(binding, app + ": " + c.function() + "(…) in " + c.within() + " is none of the plugin's bindings "
                            + plugin.bindings().keySet());
                    assertEquals(binding.required(), c.arguments().keySet(), app + ": " + c.function() + "(…) takes exactly these ("
                            + binding.file() + ")");
                }
            }
        }
    }

    /** The example's spec as a deploy has it: parsed from a protostar.yml, then what the stage binds read in. */
    private AppSpec deploy(String app) throws Exception {
        Path repo = Files.createDirectories(dir.resolve(app));
        Path file = repo.resolve("protostar.yml");
        Files.writeString(file, readme.get(app, "spec").text());
        Map<String, String> variables = new HashMap<>();
        for (PipelineSnippet.Call c : stage(app)) {
            if (c.within() == null) {
                continue;
            }
            for (Map.Entry<String, String> a : c.arguments().entrySet()) {
                if (a.getKey().endsWith("ariable")) { // variable, usernameVariable, passwordVariable
                    variables.put(a.getValue(), c.function().equals("file") ? secretFile(a.getValue()) : bound(a.getValue()));
                }
            }
        }
        AppSpec parsed;
        try {
            parsed = SpecParser.parse(file);
            AppSpec resolved = DeployEnvironment.resolve(parsed, variables::get);
            assertEquals(new TreeSet<>(variables.keySet()), read(parsed),
                    app + ": the stage binds what the spec reads, no more (a binding nothing reads is a credential used for nothing)");
            return resolved;
        } catch (SpecException e) {
            fail("the README's " + app + " spec (line numbers count from the block's first line): " + e.getMessage());
            throw e;
        }
    }

    private List<PipelineSnippet.Call> stage(String app) {
        List<PipelineSnippet.Call> calls = PipelineSnippet.calls(readme.get(app, "jenkinsfile").text(),
                name -> name.startsWith("protostar") && name.length() > "protostar".length());
        for (PipelineSnippet.Call c : calls) {
            if (c.within() == null && !plugin.steps().containsKey(c.function())) {
                fail(app + ": the plugin has no step " + c.function() + "; it has " + plugin.stepNames());
            }
        }
        return calls;
    }

    /** The variables of the deploying process a spec reads. */
    private static Set<String> read(AppSpec s) {
        Set<String> names = new TreeSet<>();
        s.deferred().env().forEach(r -> names.add(r.variable()));
        s.deferred().buildArgs().forEach(r -> names.add(r.variable()));
        s.deferred().envFiles().stream().filter(f -> f.variable() != null).forEach(f -> names.add(f.variable()));
        s.hooks().afterSwitch().stream().filter(h -> h instanceof Hooks.Call).flatMap(h -> ((Hooks.Call) h).headers().values().stream())
                .filter(h -> h.from() != null).forEach(h -> names.add(h.from().variable()));
        return names;
    }

    private static String bound(String variable) {
        return "value-of-" + variable.toLowerCase(java.util.Locale.ROOT);
    }

    /** What a secret-file binding puts in its variable: the path of a file written for the deploy. */
    private String secretFile(String variable) throws Exception {
        Path f = Files.createDirectories(dir.resolve("secrets")).resolve(variable);
        Files.writeString(f, "HF_TOKEN=hf_example_token\n");
        return f.toString();
    }
}
