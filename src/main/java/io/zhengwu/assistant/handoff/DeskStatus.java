package io.zhengwu.assistant.handoff;

import java.util.List;

/**
 * The duty situation as one officer's console shows it.
 *
 * @param open whether the help window is staffed now according to the roster
 * @param onDuty the officers the roster puts on duty now
 * @param available the officers marked available now
 * @param youAreAvailable whether the asking officer is available (notifications on)
 * @param hours the opening hours in words (Chinese)
 * @param rosterError why the last change of the roster file was refused, or empty
 * @param queueLength how many chats wait
 */
public record DeskStatus(boolean open, List<String> onDuty, List<String> available, boolean youAreAvailable,
		String hours, String rosterError, long queueLength) {

}
