package dev.modelregistry.server;

import static dev.modelregistry.server.RestApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.core.deployment.LinearTestCodec;
import dev.modelregistry.core.evaluation.EvaluationReports;
import dev.modelregistry.server.security.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Training over HTTP with a test trainer: a CSV uploaded, a job submitted, its progress read as Server-Sent
 * Events up to the registered version, a slow job cancelled, and a stored evaluation report served as JSON
 * and HTML.
 */
class TrainingApiTest extends ServerTestBase {
    private Http writer;

    @BeforeEach
    void writer() {
        writer = f.as(Role.WRITER);
    }

    private String uploadCsv() {
        return uploadCsv(writer, 1.0, 3.0);
    }

    /** Uploads a 20-row CSV whose label {@code y} alternates between two values; returns the dataset id. */
    static String uploadCsv(Http writer, double even, double odd) {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append(i % 2 == 0 ? even : odd).append('\n');
        }
        HttpResponse<String> r = writer.send(writer.request("api/v1/training/datasets")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asText();
    }

    private JsonNode submit(String dataset, int iterations, int sleepMillis) {
        return submit(writer, "mean", dataset, iterations, sleepMillis);
    }

    /** Submits a {@link MeanTrainer} job training {@code model} on an uploaded dataset; answers the job. */
    static JsonNode submit(Http writer, String model, String dataset, int iterations, int sleepMillis) {
        HttpResponse<String> r = writer.post("api/v1/training/jobs", "{\"trainer\":\"" + MeanTrainer.ID
                + "\",\"dataset\":\"" + dataset + "\",\"label\":\"y\",\"model\":\"" + model + "\",\"parameters\":"
                + "{\"iterations\":\"" + iterations + "\",\"sleep_millis\":\"" + sleepMillis + "\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r);
    }

    private List<String> events(String jobId) {
        return events(f.as(Role.READER), jobId);
    }

    /** Reads a job's SSE stream until its done event; returns the events as "name data" strings. */
    static List<String> events(Http reader, String jobId) {
        HttpResponse<Stream<String>> r = reader.send(reader.request("api/v1/training/jobs/" + jobId + "/events")
                .timeout(Duration.ofSeconds(60)).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        String event = null;
        try (Stream<String> lines = r.body()) {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    out.add(event + " " + line.substring(5).trim());
                    if ("done".equals(event)) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void a_training_job_reports_progress_over_sse_and_registers_its_model_under_the_submitter() {
        String dataset = uploadCsv();
        JsonNode job = submit(dataset, 20, 50);
        List<String> events = events(job.get("id").asText());
        assertThat(events).filteredOn(e -> e.startsWith("progress ")).hasSizeGreaterThan(1);
        String done = events.get(events.size() - 1);
        assertThat(done).startsWith("done ").contains("\"state\":\"SUCCEEDED\"", "\"version\":1",
                "\"iteration\":20");
        assertThat(f.registry.versions().get(ModelRef.parse("mean/1")).createdBy()).isEqualTo("writer-user");
        assertThat(json(f.as(Role.READER).get("api/v1/training/jobs/" + job.get("id").asText())).get("state")
                .asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void a_cancelled_job_registers_nothing() throws Exception {
        JsonNode job = submit(uploadCsv(), 1_000, 20);
        String id = job.get("id").asText();
        assertThat(f.as(Role.READER).post("api/v1/training/jobs/" + id + "/cancel", "").statusCode())
                .isEqualTo(403);
        assertThat(writer.post("api/v1/training/jobs/" + id + "/cancel", "").statusCode()).isEqualTo(200);
        List<String> events = events(id);
        assertThat(events.get(events.size() - 1)).contains("\"state\":\"CANCELLED\"");
        assertThat(f.registry.versions().models()).isEmpty();
        assertThat(f.as(Role.READER).get("api/v1/training/jobs/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void a_stored_evaluation_report_is_served_as_json_and_html() {
        f.registry.versions().register("scored", LinearTestCodec.artifact(2.0, 1, 0, 0),
                dev.modelregistry.api.version.ModelMetadata.of(LinearTestCodec.FORMAT));
        double[][] rows = new double[40][];
        double[] labels = new double[40];
        for (int i = 0; i < 40; i++) {
            rows[i] = new double[] {i * 0.01};
            labels[i] = 2.0 + i * 0.01 + (i % 3) * 0.1;
        }
        Dataset data = Dataset.of(List.of("x"), rows, labels);
        EvaluationReport report = f.registry.evaluator().evaluate(features -> 2.0 + features[0], data,
                EvaluationOptions.defaults());
        EvaluationReports.store(f.registry.versions(), ModelRef.parse("scored/1"), report);

        HttpResponse<String> asJson = f.as(Role.READER).get("api/v1/models/scored/versions/1/evaluation");
        assertThat(asJson.statusCode()).as(asJson.body()).isEqualTo(200);
        assertThat(json(asJson).isObject()).isTrue();
        HttpResponse<String> asHtml = f.as(Role.READER).get("api/v1/models/scored/versions/1/evaluation?format=html");
        assertThat(asHtml.statusCode()).isEqualTo(200);
        assertThat(asHtml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/html"));
        assertThat(asHtml.body()).containsIgnoringCase("<html");
        assertThat(f.as(Role.READER).get("api/v1/models/scored/versions/latest/evaluation").statusCode())
                .isEqualTo(200);
        f.registry.versions().register("scored", LinearTestCodec.artifact(3.0, 1, 0, 0),
                dev.modelregistry.api.version.ModelMetadata.of(LinearTestCodec.FORMAT));
        assertThat(f.as(Role.READER).get("api/v1/models/scored/versions/2/evaluation").statusCode())
                .isEqualTo(404);
    }
}
