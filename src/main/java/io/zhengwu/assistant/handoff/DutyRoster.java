package io.zhengwu.assistant.handoff;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.zhengwu.assistant.knowledge.Language;

/**
 * Who is on duty at the help window, and when: {@code knowledge/duty-roster.yaml}. The file is
 * read again when it changes (checked by {@link #reloadIfChanged()}), so editors change the roster
 * without a redeploy; a file that does not parse is refused and the previous roster stays.
 */
public final class DutyRoster {

	private static final Log log = LogFactory.getLog(DutyRoster.class);

	private static final String[] ZH_DAYS = { "周一", "周二", "周三", "周四", "周五", "周六", "周日" };

	private static final String[] BO_DAYS = { "གཟའ་ཟླ་བ།", "གཟའ་མིག་དམར།", "གཟའ་ལྷག་པ།", "གཟའ་ཕུར་བུ།", "གཟའ་པ་སངས།",
			"གཟའ་སྤེན་པ།", "གཟའ་ཉི་མ།" };

	private final Path file;

	private final AtomicReference<Roster> roster = new AtomicReference<>(Roster.EMPTY);

	private volatile FileTime loadedVersion;

	private volatile String lastError;

	DutyRoster(Path file) {
		this.file = file;
	}

	/** Reads the file if it changed since the last read. Blocking: call on boundedElastic. */
	synchronized void reloadIfChanged() {
		try {
			FileTime modified = Files.getLastModifiedTime(this.file);
			if (modified.equals(this.loadedVersion)) {
				return;
			}
			try (Reader reader = Files.newBufferedReader(this.file, StandardCharsets.UTF_8)) {
				this.roster.set(parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader)));
			}
			this.loadedVersion = modified;
			this.lastError = null;
			log.info("Duty roster loaded from " + this.file);
		}
		catch (IOException | RuntimeException ex) {
			String error = "Duty roster " + this.file + " not loaded: " + ex.getMessage();
			if (!error.equals(this.lastError)) {
				log.warn(error + " (the previous roster stays in force)");
			}
			this.lastError = error;
		}
	}

	/** Why the last change of the file was refused, or {@code null}. */
	public String lastError() {
		return this.lastError;
	}

	public ZoneId zone() {
		return this.roster.get().zone;
	}

	/** Whether the help window is staffed at this moment (a shift and not a holiday). */
	public boolean isOpen(java.time.Instant now) {
		return shiftNow(now).isPresent();
	}

	/** The officers the roster puts on duty at this moment. */
	public Set<String> officersOnDuty(java.time.Instant now) {
		return shiftNow(now).map(Shift::officers).orElse(Set.of());
	}

	/** Every officer named in the roster, with their name. */
	public Map<String, Officer> officers() {
		return this.roster.get().officers;
	}

	public Optional<String> openIdOf(String username) {
		return Optional.ofNullable(officers().get(username)).map(Officer::openId).filter((id) -> !id.isBlank());
	}

	private Optional<Shift> shiftNow(java.time.Instant now) {
		Roster current = this.roster.get();
		ZonedDateTime local = now.atZone(current.zone);
		LocalDate date = local.toLocalDate();
		if (current.holidays.contains(date)) {
			return Optional.empty();
		}
		DayOfWeek day = current.workdays.getOrDefault(date, date.getDayOfWeek());
		LocalTime time = local.toLocalTime();
		return current.week.getOrDefault(day, List.of())
			.stream()
			.filter((shift) -> !time.isBefore(shift.from) && time.isBefore(shift.to))
			.findFirst();
	}

	/** The opening hours in words, e.g. "周一至周五 09:30–13:00、15:30–18:30；周六 10:00–13:00". */
	public String hoursText(Language language) {
		Roster current = this.roster.get();
		String[] names = (language == Language.BO) ? BO_DAYS : ZH_DAYS;
		String to = (language == Language.BO) ? " ནས་ " : "至";
		// "and" between the shifts of one day (it was an Arabic comma, a letter of no use to a Tibetan reader)
		String between = (language == Language.BO) ? " དང་ " : "、";
		String groups = (language == Language.BO) ? " ། " : "；";
		List<String> parts = new ArrayList<>();
		DayOfWeek[] days = DayOfWeek.values();
		int i = 0;
		while (i < days.length) {
			List<Shift> shifts = current.week.getOrDefault(days[i], List.of());
			int j = i;
			while (j + 1 < days.length && sameHours(current.week.getOrDefault(days[j + 1], List.of()), shifts)) {
				j++;
			}
			if (!shifts.isEmpty()) {
				String dayText = (i == j) ? names[i] : names[i] + to + names[j];
				List<String> ranges = shifts.stream().map((s) -> clock(s.from) + "–" + clock(s.to)).toList();
				parts.add(dayText + " " + String.join(between, ranges));
			}
			i = j + 1;
		}
		return String.join(groups, parts);
	}

	private static boolean sameHours(List<Shift> a, List<Shift> b) {
		if (a.size() != b.size()) {
			return false;
		}
		for (int k = 0; k < a.size(); k++) {
			if (!a.get(k).from.equals(b.get(k).from) || !a.get(k).to.equals(b.get(k).to)) {
				return false;
			}
		}
		return true;
	}

	// ---- parsing --------------------------------------------------------------------------

	@SuppressWarnings("unchecked")
	static Roster parse(Object loaded) {
		if (!(loaded instanceof Map<?, ?> root)) {
			throw new IllegalArgumentException("the roster must be a mapping with officers, week, holidays");
		}
		ZoneId zone = ZoneId.of(String.valueOf(((Map<String, Object>) root).getOrDefault("timezone", "Asia/Shanghai")));
		Map<String, Officer> officers = new LinkedHashMap<>();
		Object officersNode = root.get("officers");
		if (officersNode instanceof Map<?, ?> officerMap) {
			officerMap.forEach((username, value) -> {
				Map<String, Object> fields = (value instanceof Map<?, ?> m) ? (Map<String, Object>) m : Map.of();
				Map<String, Object> name = (fields.get("name") instanceof Map<?, ?> n) ? (Map<String, Object>) n
						: Map.of();
				officers.put(String.valueOf(username),
						new Officer(String.valueOf(username), text(name.get("zh"), String.valueOf(username)),
								text(name.get("bo"), String.valueOf(username)), text(fields.get("openid"), "")));
			});
		}
		Map<DayOfWeek, List<Shift>> week = new EnumMap<>(DayOfWeek.class);
		Object weekNode = root.get("week");
		if (weekNode instanceof Map<?, ?> weekMap) {
			weekMap.forEach((dayName, value) -> {
				DayOfWeek day = DayOfWeek.valueOf(String.valueOf(dayName).toUpperCase(Locale.ROOT));
				week.put(day, shifts(value, officers));
			});
		}
		Set<LocalDate> holidays = new LinkedHashSet<>();
		Map<LocalDate, DayOfWeek> workdays = new LinkedHashMap<>();
		if (root.get("holidays") instanceof List<?> list) {
			for (Object item : list) {
				Map<String, Object> holiday = (Map<String, Object>) item;
				if (holiday.containsKey("date")) {
					holidays.add(date(holiday.get("date")));
				}
				else {
					for (LocalDate d = date(holiday.get("from")); !d.isAfter(date(holiday.get("to"))); d = d.plusDays(1)) {
						holidays.add(d);
					}
				}
			}
		}
		if (root.get("workdays") instanceof List<?> list) {
			for (Object item : list) {
				Map<String, Object> workday = (Map<String, Object>) item;
				workdays.put(date(workday.get("date")),
						DayOfWeek.valueOf(String.valueOf(workday.get("as")).toUpperCase(Locale.ROOT)));
			}
		}
		return new Roster(zone, Map.copyOf(officers), week, Set.copyOf(holidays), Map.copyOf(workdays));
	}

	@SuppressWarnings("unchecked")
	private static List<Shift> shifts(Object value, Map<String, Officer> officers) {
		if (value == null) {
			return List.of();
		}
		List<Shift> shifts = new ArrayList<>();
		for (Object item : (List<Object>) value) {
			Map<String, Object> shift = (Map<String, Object>) item;
			String[] range = String.valueOf(shift.get("hours")).split("[-–]");
			if (range.length != 2) {
				throw new IllegalArgumentException("shift hours must read \"09:30-13:00\", not " + shift.get("hours"));
			}
			Set<String> onDuty = new LinkedHashSet<>();
			for (Object username : (List<Object>) shift.getOrDefault("officers", List.of())) {
				if (!officers.containsKey(String.valueOf(username))) {
					throw new IllegalArgumentException("shift names an unknown officer '" + username + "'");
				}
				onDuty.add(String.valueOf(username));
			}
			shifts.add(new Shift(LocalTime.parse(range[0].trim()), endOfShift(range[1].trim()), Set.copyOf(onDuty)));
		}
		return List.copyOf(shifts);
	}

	/** "24:00" ends a shift at midnight (a day-long shift is "00:00-24:00"). */
	private static LocalTime endOfShift(String text) {
		return "24:00".equals(text) ? LocalTime.MAX : LocalTime.parse(text);
	}

	private static String clock(LocalTime time) {
		return time.equals(LocalTime.MAX) ? "24:00" : time.toString();
	}

	private static LocalDate date(Object value) {
		if (value instanceof Date date) {
			// SnakeYAML reads an unquoted 2027-01-01 as a timestamp at midnight UTC
			return date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
		}
		return LocalDate.parse(String.valueOf(Objects.requireNonNull(value, "a holiday needs date or from/to")));
	}

	private static String text(Object value, String fallback) {
		return (value == null) ? fallback : String.valueOf(value);
	}

	/** An officer named in the roster. */
	public record Officer(String username, String nameZh, String nameBo, String openId) {
	}

	record Shift(LocalTime from, LocalTime to, Set<String> officers) {
	}

	record Roster(ZoneId zone, Map<String, Officer> officers, Map<DayOfWeek, List<Shift>> week,
			Set<LocalDate> holidays, Map<LocalDate, DayOfWeek> workdays) {

		static final Roster EMPTY = new Roster(ZoneId.of("Asia/Shanghai"), Map.of(), Map.of(), Set.of(), Map.of());

	}

}
